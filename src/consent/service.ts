import { isRegisteredRedirect, webOrigin } from '../auth/redirect-origins.ts'
import { findActiveRules, toAccessRule } from '../catalog/access-rules.repo.ts'
import type { AccessRule } from '../catalog/dataset.schemas.ts'
import { loadDatasets } from '../catalog/datasets.repo.ts'
import { getDataset } from '../catalog/datasets.ts'
import type { Database } from '../db/database.ts'
import { type FieldError, Problem, validationFailed } from '../http/problem.ts'
import { newId } from '../ids.ts'
import type { ConsentRequest, NewConsentRequest } from './consent.schemas.ts'
import {
  findConsent,
  findDueConsents,
  insertConsentRequest,
  type RepresentationBasis,
  type StoredConsent,
  writeStatus,
} from './repo.ts'
import { type ConsentActor, type ConsentStatus, checkTransition, effectiveStatus } from './states.ts'

const maxValidityMs = 366 * 24 * 3600 * 1000

/** The consuming organisation making a request: from its token, never from the body. */
export interface Consumer {
  orgnr: string
  clientId: string
}

/** A rule the consumer may rely on with consent: basis consent, for it or any organisation, live, for the purpose. */
function consentRuleFor(rules: AccessRule[], consumer: string, purpose: string, now: Date, ruleId?: string) {
  const usable = rules.filter(
    (rule) =>
      'consent' in rule.basis &&
      rule.purpose.code === purpose &&
      (rule.recipient === 'any' || rule.recipient.orgnr === consumer) &&
      (!rule.validFrom || Date.parse(rule.validFrom) <= now.getTime()) &&
      (!rule.validTo || Date.parse(rule.validTo) > now.getTime()),
  )
  if (ruleId) return usable.find((rule) => rule.id === ruleId)
  return usable.find((rule) => rule.recipient !== 'any') ?? usable[0]
}

// ADR 0011: only to an origin the operator registered for the consumer, so Deling is no open redirector.
async function redirectProblem(db: Database, orgnr: string, redirectUrl: string): Promise<string | undefined> {
  const web = webOrigin(redirectUrl)
  if ('reason' in web) return web.reason
  if (await isRegisteredRedirect(db, orgnr, redirectUrl)) return undefined
  return `${web.origin} is not a registered redirect origin of ${orgnr}; the operator registers it (POST /admin/organisations/${orgnr}/redirect-origins)`
}

/**
 * Records a consumer's request for a citizen's consent. Each dataset must have a consent rule for this consumer
 * (or any organisation) and purpose; the citizen will consent to exactly that rule's fields.
 */
export async function createConsentRequest(
  db: Database,
  consumer: Consumer,
  input: NewConsentRequest,
  context: { now: Date; publicUrl: string },
): Promise<ConsentRequest> {
  const { now } = context
  const errors: FieldError[] = []
  const fail = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail })
  const validTo = new Date(input.validTo)
  if (validTo <= now) fail('/validTo', 'must be in the future')
  else if (validTo.getTime() - now.getTime() > maxValidityMs) fail('/validTo', 'must be at most a year ahead')
  const redirectRefusal = await redirectProblem(db, consumer.orgnr, input.redirectUrl)
  if (redirectRefusal) fail('/redirectUrl', redirectRefusal)
  if (new Set(input.datasets.map((dataset) => dataset.datasetId)).size !== input.datasets.length)
    fail('/datasets', 'name each dataset once')
  const items: { datasetId: string; ruleId: string; fields: string[] }[] = []
  for (const [i, wanted] of input.datasets.entries()) {
    // Only "not found" is the caller's mistake; a database outage must stay a 503, not read as "no such dataset".
    const dataset = await getDataset(db, wanted.datasetId, { orgnr: consumer.orgnr }).catch((error: unknown) => {
      if (error instanceof Problem && error.status === 404) return undefined
      throw error
    })
    if (!dataset) {
      fail(`/datasets/${i}/datasetId`, 'no such dataset')
      continue
    }
    const rules = (await findActiveRules(db, dataset.id)).map(toAccessRule)
    const rule = consentRuleFor(rules, consumer.orgnr, input.purpose.code, now, wanted.ruleId)
    if (!rule) {
      fail(
        `/datasets/${i}${wanted.ruleId ? '/ruleId' : ''}`,
        `no consent rule of this dataset for ${consumer.orgnr} and purpose ${input.purpose.code}`,
      )
      continue
    }
    if (rule.validTo && Date.parse(rule.validTo) < validTo.getTime())
      fail('/validTo', `rule ${rule.id} ends ${rule.validTo}: the consent cannot outlast it`)
    if (rule.oneTime && !input.oneTime) fail('/oneTime', `rule ${rule.id} allows one-time consents only`)
    items.push({ datasetId: dataset.id, ruleId: rule.id, fields: rule.fields })
  }
  if (errors.length) throw validationFailed(errors)
  const id = newId('cr')
  await db.transaction((tx) =>
    insertConsentRequest(
      tx,
      {
        id,
        consumerOrgnr: consumer.orgnr,
        consumerClientId: consumer.clientId,
        subjectFnr: input.subject,
        purposeCode: input.purpose.code,
        purposeText: input.purpose.text,
        requestMessage: input.requestMessage ?? null,
        validTo,
        oneTime: input.oneTime,
        redirectUrl: input.redirectUrl,
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      },
      items,
    ),
  )
  return (await presentConsent(db, (await findConsent(db, id))!, context))!
}

/** The API view of a stored consent, with the datasets' titles and publishers. */
export async function presentConsent(
  db: Database,
  stored: StoredConsent,
  context: { now: Date; publicUrl: string },
): Promise<ConsentRequest> {
  const { row, items } = stored
  const datasets = new Map(
    (
      await loadDatasets(
        db,
        items.map((item) => item.datasetId),
      )
    ).map((d) => [d.id, d]),
  )
  return {
    id: row.id,
    status: effectiveStatus(row, context.now),
    viewUri: `${context.publicUrl}/consent/view/${row.id}`,
    consumer: { orgnr: row.consumerOrgnr, name: stored.consumerName },
    subject: row.subjectFnr,
    purpose: { code: row.purposeCode, text: row.purposeText },
    datasets: items.map((item) => {
      const dataset = datasets.get(item.datasetId)
      return {
        datasetId: item.datasetId,
        title: dataset?.title ?? { nb: item.datasetId },
        publisher: dataset ? { orgnr: dataset.publisher.orgnr, name: dataset.publisher.name } : { orgnr: '', name: '' },
        ruleId: item.ruleId,
        fields: item.fields,
      }
    }),
    validTo: row.validTo.toISOString(),
    oneTime: row.oneTime,
    redirectUrl: row.redirectUrl,
    ...(row.requestMessage ? { requestMessage: row.requestMessage } : {}),
    createdAt: row.createdAt.toISOString(),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
  }
}

const notFound = (id: string) => new Problem(404, 'not-found', `No consent request ${id}`)

/** A consent as its consumer sees it: any other organisation gets 404. */
export async function getConsentForConsumer(
  db: Database,
  id: string,
  consumerOrgnr: string,
  context: { now: Date; publicUrl: string },
): Promise<ConsentRequest> {
  const stored = await findConsent(db, id)
  if (!stored || stored.row.consumerOrgnr !== consumerOrgnr) throw notFound(id)
  return presentConsent(db, stored, context)
}

/**
 * A representative changing a consent for its subject (src/fullmakt): `basisFor` names the authority that lets
 * them make this change to this consent, or undefined when they lack the right (403).
 */
export interface OnBehalf {
  representativeFnr: string
  basisFor(tx: Database, row: StoredConsent['row'], now: Date): Promise<RepresentationBasis | undefined>
}

/**
 * The one way a consent changes state: checks the transition table against the state at `now` (an expired
 * consent is settled as expired first), writes the change and its event in one transaction. With `onBehalf`, the
 * event also records the representative who acted and on what authority.
 */
export async function changeConsent(
  db: Database,
  id: string,
  change: { to: ConsentStatus; actor: ConsentActor; now: Date; acr?: string; onBehalf?: OnBehalf | undefined },
  owns: (row: StoredConsent['row']) => boolean,
): Promise<StoredConsent> {
  return db.transaction(async (tx) => {
    const stored = await findConsent(tx, id, true)
    if (!stored || !owns(stored.row)) throw notFound(id)
    let { row } = stored
    const basis = await change.onBehalf?.basisFor(tx, row, change.now)
    if (change.onBehalf && !basis)
      throw new Problem(
        403,
        'forbidden',
        `Your authority for this person does not let you make consent ${id} ${change.to}`,
      )
    const actedBy =
      change.onBehalf && basis ? { representativeFnr: change.onBehalf.representativeFnr, basis } : undefined
    if (effectiveStatus(row, change.now) === 'expired' && row.status !== 'expired') {
      await writeStatus(tx, row, 'expired', 'deling', change.now)
      row = { ...row, status: 'expired' }
    }
    const check = checkTransition(row.status, change.to, change.actor)
    if (!check.allowed) throw new Problem(409, 'conflict', `Consent ${id} is ${row.status}: ${check.reason}`)
    const decision = change.to === 'accepted' || change.to === 'rejected' ? { acr: change.acr } : undefined
    await writeStatus(tx, row, change.to, change.actor, change.now, decision, actedBy)
    return (await findConsent(tx, id))!
  })
}

/** Expires every pending or accepted consent past its validTo, each with its event. Returns how many. */
export async function expireDueConsents(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await findDueConsents(tx, now)
    for (const row of due) await writeStatus(tx, row, 'expired', 'deling', now)
    return due.length
  })
}

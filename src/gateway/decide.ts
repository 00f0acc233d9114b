/**
 * The gateway's policy decision: may this organisation have this dataset, for this purpose, about this person,
 * now? Pure: the route loads the rules and the consent, this function judges them, the same on both hosts.
 */
import type { AccessRule } from '../catalog/dataset.schemas.ts'
import { pointerSegments } from '../catalog/record-schema.ts'
import type { ConsentStatus } from '../consent/states.ts'
import { effectiveStatus } from '../consent/states.ts'
import { classifyIdentityNumber } from '../identifiers/fodselsnummer.ts'

export interface GatewayRequest {
  consumerOrgnr: string
  datasetId: string
  purpose: string
  /** Deling-Subject: the fødselsnummer the request is about. */
  subject?: string
  /** The `deling:consent` authorization detail of the token, when it carries one. */
  consentDetail?: { id: string; datasets: { datasetId: string; ruleId: string }[] }
}

export interface DecisionContext {
  dataset: {
    containsPersonalData: boolean
    legalBases: { id: string; uri: string; type: string }[]
  }
  /** The dataset's rules that are not deleted (possibly outside their validity period). */
  rules: AccessRule[]
  /** The consent the token names, as stored now; absent when the token names none or it does not exist. */
  consent?: {
    id: string
    status: ConsentStatus
    consumerOrgnr: string
    subjectFnr: string
    purposeCode: string
    validTo: Date
    oneTime: boolean
    items: { datasetId: string; ruleId: string; fields: string[] }[]
  }
}

export type DenialReason =
  | 'no-rule'
  | 'purpose-mismatch'
  | 'consent-required'
  | 'consent-revoked'
  | 'consent-expired'
  | 'consent-used'
  | 'consent-not-accepted'
  | 'consumer-mismatch'
  | 'subject-mismatch'
  | 'subject-required'
  | 'dataset-mismatch'

export type Decision =
  | {
      allow: true
      rule: AccessRule
      basis: { legalBasisUri: string } | { consentId: string; oneTime: boolean }
      /** The JSON pointers that may leave the gateway. */
      fields: string[]
      /** The subject the delivery is about (only for personal data). */
      subject: string | undefined
    }
  | { allow: false; reason: DenialReason; detail: string }

const deny = (reason: DenialReason, detail: string): Decision => ({ allow: false, reason, detail })

/** A rule is in force from validFrom (inclusive) to validTo (exclusive). */
export const isLive = (rule: AccessRule, now: Date) =>
  (!rule.validFrom || Date.parse(rule.validFrom) <= now.getTime()) &&
  (!rule.validTo || now.getTime() < Date.parse(rule.validTo))

const isPrefix = (outer: string[], inner: string[]) =>
  outer.length <= inner.length && outer.every((segment, i) => segment === inner[i])

/**
 * The fields both lists select: a field of one list is kept when the other list selects it or a field around
 * it. A consent delivers what the citizen agreed to, and never more than its rule gives today.
 */
export function intersectFields(a: readonly string[], b: readonly string[]): string[] {
  const segments = (list: readonly string[]) => list.map((pointer) => ({ pointer, path: pointerSegments(pointer) }))
  const [left, right] = [segments(a), segments(b)]
  const kept = new Set<string>()
  for (const x of left) if (right.some((y) => isPrefix(y.path, x.path))) kept.add(x.pointer)
  for (const y of right) if (left.some((x) => isPrefix(x.path, y.path))) kept.add(y.pointer)
  return [...kept]
}

const noRule = 'No access rule gives your organisation this dataset for this purpose'

function byLegalBasis(request: GatewayRequest, context: DecisionContext, subject: string | undefined, now: Date) {
  const own = context.rules.filter(
    (rule) => rule.recipient !== 'any' && rule.recipient.orgnr === request.consumerOrgnr && isLive(rule, now),
  )
  const rule = own.find((candidate) => candidate.purpose.code === request.purpose && 'legalBasisId' in candidate.basis)
  const basis =
    rule && context.dataset.legalBases.find((b) => b.id === (rule.basis as { legalBasisId: string }).legalBasisId)
  if (rule && basis && basis.type !== 'non-disclosure') {
    return { allow: true, rule, basis: { legalBasisUri: basis.uri }, fields: rule.fields, subject } satisfies Decision
  }
  const forPurpose = context.rules.filter((r) => r.purpose.code === request.purpose && isLive(r, now))
  const consentRule = forPurpose.some(
    (r) => 'consent' in r.basis && (r.recipient === 'any' || r.recipient.orgnr === request.consumerOrgnr),
  )
  if (consentRule)
    return deny(
      'consent-required',
      "This dataset is given for this purpose only with the data subject's consent: call with a consent token",
    )
  // Only the caller's own rules are named: other organisations' rules stay out of the answer.
  if (own.length && !own.some((r) => r.purpose.code === request.purpose))
    return deny('purpose-mismatch', `${noRule}: your organisation's rules for it name other purposes`)
  return deny('no-rule', noRule)
}

function byConsent(request: GatewayRequest, context: DecisionContext, subject: string | undefined, now: Date) {
  const consent = context.consent
  const id = request.consentDetail!.id
  if (!consent || consent.consumerOrgnr !== request.consumerOrgnr)
    return deny('consumer-mismatch', `Consent ${id} was not given to your organisation`)
  const status = effectiveStatus(consent, now)
  if (status === 'revoked') return deny('consent-revoked', `Consent ${id} has been revoked`)
  if (status === 'expired') return deny('consent-expired', `Consent ${id} expired at ${consent.validTo.toISOString()}`)
  if (status === 'used') return deny('consent-used', `Consent ${id} was for one delivery, and it has been used`)
  if (status !== 'accepted') return deny('consent-not-accepted', `Consent ${id} is ${status}, not accepted`)
  if (!subject) return deny('subject-required', 'Send Deling-Subject: the fødselsnummer the consent is about')
  if (subject !== consent.subjectFnr)
    return deny('subject-mismatch', `Consent ${id} is not about the person in Deling-Subject`)
  if (consent.purposeCode !== request.purpose)
    return deny('purpose-mismatch', `Consent ${id} is for purpose ${consent.purposeCode}, not ${request.purpose}`)
  const item = consent.items.find((candidate) => candidate.datasetId === request.datasetId)
  if (!item) return deny('dataset-mismatch', `Consent ${id} does not cover dataset ${request.datasetId}`)
  const rule = context.rules.find((candidate) => candidate.id === item.ruleId)
  if (!rule || !isLive(rule, now) || !('consent' in rule.basis))
    return deny('no-rule', `The access rule consent ${id} relies on is no longer in force`)
  const fields = intersectFields(item.fields, rule.fields)
  if (!fields.length) return deny('no-rule', `The access rule consent ${id} relies on no longer gives these fields`)
  return {
    allow: true,
    rule,
    basis: { consentId: consent.id, oneTime: consent.oneTime },
    fields,
    subject,
  } satisfies Decision
}

/**
 * Decides one gateway request. Personal data needs a valid Deling-Subject; a token carrying a consent for this
 * dataset is judged by that consent alone; otherwise the caller needs a rule in force for (its organisation,
 * the dataset, the purpose) whose basis is a legal basis that allows disclosure or processing.
 */
export function decide(request: GatewayRequest, context: DecisionContext, now: Date): Decision {
  // A subject on a request for data that is about no one is not logged as if it were a disclosure about them.
  const subject = context.dataset.containsPersonalData ? request.subject : undefined
  if (context.dataset.containsPersonalData) {
    if (!subject) return deny('subject-required', 'This dataset holds personal data: send Deling-Subject')
    if (!classifyIdentityNumber(subject))
      return deny('subject-required', 'Deling-Subject must be a valid fødselsnummer or d-nummer')
  }
  const detail = request.consentDetail
  if (detail?.datasets.some((dataset) => dataset.datasetId === request.datasetId))
    return byConsent(request, context, subject, now)
  const decision = byLegalBasis(request, context, subject, now)
  if (!decision.allow && detail)
    return deny('dataset-mismatch', `Consent ${detail.id} in your token does not cover dataset ${request.datasetId}`)
  return decision
}

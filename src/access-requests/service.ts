import { addAccessRule } from '../catalog/access-rules.ts'
import type { Dataset, NewAccessRule } from '../catalog/dataset.schemas.ts'
import { getDataset } from '../catalog/datasets.ts'
import { fieldExists } from '../catalog/record-schema.ts'
import type { Database } from '../db/database.ts'
import { type FieldError, Problem, validationFailed } from '../http/problem.ts'
import { newId } from '../ids.ts'
import { organisationsOfPerson } from '../organisation-roles/repo.ts'
import { getAccessRequest, notFound, rolesIn } from './read.ts'
import {
  type AccessRequestRow,
  findAccessRequest,
  insertAccessRequest,
  lastEventIdOf,
  type RequestActor,
  updateAccessRequest,
} from './repo.ts'
import type { AccessRequest, AccessRequestRevision, Approval, NewAccessRequest } from './schemas.ts'
import { type AccessRequestStatus, checkTransition } from './states.ts'

type Content = Omit<NewAccessRequest, 'datasetId'>

/** What the catalog would refuse in a rule made from this request, found now rather than at approval. */
function contentErrors(dataset: Dataset, content: Content, now: Date): FieldError[] {
  const errors: FieldError[] = []
  const fail = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail })
  if (!dataset.recordSchema) fail('/fields', 'the dataset has no record schema yet, so no field can be asked for')
  else
    content.fields.forEach((pointer, i) => {
      if (!fieldExists(dataset.recordSchema!, pointer)) fail(`/fields/${i}`, `${pointer} is not in the record schema`)
    })
  if (new Set(content.fields).size !== content.fields.length) fail('/fields', 'name each field once')
  if ('legalBasisId' in content.basis) {
    const { legalBasisId } = content.basis
    const basis = dataset.legalBases.find((candidate) => candidate.id === legalBasisId)
    if (!basis) fail('/basis/legalBasisId', 'not a legal basis of this dataset')
    else if (basis.type === 'non-disclosure')
      fail('/basis/legalBasisId', 'a non-disclosure basis (skjermingshjemmel) cannot give access')
  }
  if (content.validTo && Date.parse(content.validTo) <= now.getTime()) fail('/validTo', 'must be in the future')
  return errors
}

const contentColumns = (content: Content) => ({
  purposeCode: content.purpose.code,
  purposeText: content.purpose.text,
  basis: content.basis,
  fields: content.fields,
  justification: content.justification,
  validTo: content.validTo ? new Date(content.validTo) : null,
})

/**
 * Records an organisation's request for access to a dataset it can see but does not publish. The request is
 * checked as the rule it would become, so the publisher never gets one it could not approve.
 */
export async function submitAccessRequest(
  db: Database,
  requester: { orgnr: string; clientId?: string; pid?: string },
  input: NewAccessRequest,
  now: Date,
): Promise<AccessRequest> {
  const { datasetId, ...content } = input
  const dataset = await getDataset(db, datasetId, { orgnr: requester.orgnr }).catch((error) => {
    if (error instanceof Problem && error.status === 404)
      throw validationFailed([{ in: 'body', pointer: '/datasetId', detail: 'no such dataset' }])
    throw error
  })
  if (dataset.publisher.orgnr === requester.orgnr)
    throw validationFailed([
      { in: 'body', pointer: '/datasetId', detail: 'your organisation publishes this dataset: add an access rule' },
    ])
  const errors = contentErrors(dataset, content, now)
  if (errors.length) throw validationFailed(errors)
  const row: AccessRequestRow = {
    id: newId('xr'),
    datasetId,
    publisherOrgnr: dataset.publisher.orgnr,
    requesterOrgnr: requester.orgnr,
    requesterClientId: requester.clientId ?? null,
    requesterPid: requester.pid ?? null,
    ...contentColumns(content),
    status: 'submitted',
    ruleId: null,
    createdAt: now,
    updatedAt: now,
  }
  await db.transaction((tx) => insertAccessRequest(tx, row, { ...requester, role: 'requester' }))
  return getAccessRequest(db, row.id, { orgnr: requester.orgnr, roles: ['requester'] })
}

/** A change of state, with what some changes carry: a revision's new content, an approval's terms. */
export interface AccessRequestChange {
  to: AccessRequestStatus
  actor: RequestActor
  now: Date
  message?: string
  revision?: AccessRequestRevision
  approval?: Approval
  /**
   * The newest event the actor saw (a portal form carries it): when the request has changed since, the change is
   * refused with 409 rather than applied to something the person has not read.
   */
  seenEventId?: string
}

/**
 * The one way a request changes state: checks the party and the transition table, applies the change and writes
 * its event in one transaction. An approval creates the access rule through the catalog in that same transaction,
 * so a rule the catalog refuses (a twin for the same recipient and purpose: 409) leaves the request unchanged.
 */
export async function changeAccessRequest(db: Database, id: string, change: AccessRequestChange) {
  const { actor, now } = change
  await db.transaction(async (tx) => {
    const stored = await findAccessRequest(tx, id, true)
    const roles = stored ? rolesIn(stored.row, actor.orgnr) : []
    if (!stored || !roles.length) throw notFound(id)
    if (!roles.includes(actor.role))
      throw new Problem(403, 'forbidden', `Only the ${actor.role} of access request ${id} may do this`)
    const { row } = stored
    if (change.seenEventId !== undefined && (await lastEventIdOf(tx, id)) !== change.seenEventId)
      throw new Problem(409, 'conflict', `Access request ${id} changed after it was shown; it is now ${row.status}`, {
        extensions: { stale: true },
      })
    const check = checkTransition(row.status, change.to, actor.role)
    if (!check.allowed) throw new Problem(409, 'conflict', `Access request ${id} is ${row.status}: ${check.reason}`)
    let after: AccessRequestRow = { ...row, status: change.to, updatedAt: now }
    if (change.revision) after = { ...after, ...(await revised(tx, row, change.revision, now)) }
    if (change.to === 'approved') after.ruleId = await approve(tx, row, actor, change.approval, now)
    await updateAccessRequest(tx, row, after, actor, change.message)
  })
  return getAccessRequest(db, id, { orgnr: actor.orgnr, roles: [actor.role] })
}

async function revised(db: Database, row: AccessRequestRow, revision: AccessRequestRevision, now: Date) {
  const { message: _message, ...content } = revision
  // Only "not found" means the dataset left the catalog; a database outage must stay a 503.
  const dataset = await getDataset(db, row.datasetId, { orgnr: row.requesterOrgnr }).catch((error: unknown) => {
    if (error instanceof Problem && error.status === 404) return undefined
    throw error
  })
  if (!dataset) throw new Problem(409, 'conflict', `Dataset ${row.datasetId} is no longer in the catalog`)
  const errors = contentErrors(dataset, content, now)
  if (errors.length) throw validationFailed(errors)
  return contentColumns(content)
}

/** Creates the rule the request asks for, through the catalog's own checks; returns its id. */
async function approve(
  db: Database,
  row: AccessRequestRow,
  actor: RequestActor,
  approval: Approval | undefined,
  now: Date,
): Promise<string> {
  if (approval?.validTo && Date.parse(approval.validTo) <= now.getTime())
    throw validationFailed([{ in: 'body', pointer: '/validTo', detail: 'must be in the future' }])
  const validTo = approval?.validTo ?? row.validTo?.toISOString()
  if (validTo && Date.parse(validTo) <= now.getTime())
    throw new Problem(409, 'conflict', `The access asked for ended ${validTo}; approve with a later validTo`)
  const rule: NewAccessRule = {
    recipient: { orgnr: row.requesterOrgnr },
    purpose: { code: row.purposeCode, text: row.purposeText as NewAccessRule['purpose']['text'] },
    basis: row.basis,
    fields: row.fields,
    ...(validTo ? { validTo } : {}),
    oneTime: approval?.oneTime ?? false,
  }
  try {
    const created = await addAccessRule(
      db,
      {
        orgnr: actor.orgnr,
        clientId: actor.clientId,
        ...(actor.pid ? { pid: actor.pid, via: 'portal' } : { via: 'api' }),
      },
      row.datasetId,
      rule,
      now,
    )
    return created.id
  } catch (error) {
    // The dataset changed since the request was checked: not the approver's input, so a conflict, not a 400.
    if (error instanceof Problem && error.status === 400) {
      const details = (error.options.errors ?? []).map((e) => `${e.pointer} ${e.detail}`).join('; ')
      throw new Problem(409, 'conflict', `The request no longer fits dataset ${row.datasetId}: ${details}`)
    }
    if (error instanceof Problem && error.status === 404)
      throw new Problem(409, 'conflict', `Dataset ${row.datasetId} is no longer in the catalog`)
    throw error
  }
}

/**
 * For whom a person may ask for access to a dataset: the organisations where they hold the consumer role, except
 * the dataset's publisher (which writes its own rules). `consumerOf` is all of them, for saying why none is left.
 */
export async function organisationsThatMayAsk(db: Database, pid: string, publisherOrgnr: string) {
  const consumerOf = (await organisationsOfPerson(db, pid)).filter((organisation) =>
    organisation.roles.includes('consumer'),
  )
  return { consumerOf, choices: consumerOf.filter((organisation) => organisation.orgnr !== publisherOrgnr) }
}

import type { Database } from '../db/database.ts'
import { type FieldError, Problem, validationFailed } from '../http/problem.ts'
import { newId } from '../ids.ts'
import {
  findActiveRules,
  findRuleRow,
  insertRule,
  markRuleDeleted,
  toAccessRule,
  updateRuleRow,
} from './access-rules.repo.ts'
import type { AccessRule, Dataset, NewAccessRule } from './dataset.schemas.ts'
import { type ChangeActor, loadDatasets, recordChange } from './datasets.repo.ts'
import { checkVersion, datasetForChange, getDataset, type IfMatch, ruleChange, type Viewer } from './datasets.ts'
import { fieldExists } from './record-schema.ts'

/** The rules of a dataset: public for every dataset the viewer may see, so anyone can read who gets what. */
export async function listAccessRules(db: Database, datasetId: string, viewer: Viewer): Promise<AccessRule[]> {
  await getDataset(db, datasetId, viewer)
  return (await findActiveRules(db, datasetId)).map(toAccessRule)
}

export async function getAccessRule(db: Database, datasetId: string, ruleId: string, viewer: Viewer) {
  await getDataset(db, datasetId, viewer)
  const row = await findRuleRow(db, datasetId, ruleId)
  if (!row) throw new Problem(404, 'not-found', `No access rule ${ruleId} on dataset ${datasetId}`)
  return toAccessRule(row)
}

/**
 * What makes a rule executable: its fields exist in the record schema, its legal basis is one of the dataset's
 * (and one that allows disclosure or processing), "any" recipient only with consent, and a sane validity period.
 */
function checkRule(rule: NewAccessRule, dataset: Dataset, others: AccessRule[]): void {
  const errors: FieldError[] = []
  const fail = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail })
  if (!dataset.recordSchema) fail('/fields', 'the dataset has no record schema yet; publish one before its rules')
  else
    rule.fields.forEach((pointer, i) => {
      if (!fieldExists(dataset.recordSchema!, pointer)) fail(`/fields/${i}`, `${pointer} is not in the record schema`)
    })
  if ('legalBasisId' in rule.basis) {
    const basis = dataset.legalBases.find(
      (candidate) => candidate.id === (rule.basis as { legalBasisId: string }).legalBasisId,
    )
    if (!basis) fail('/basis/legalBasisId', 'not a legal basis of this dataset')
    else if (basis.type === 'non-disclosure')
      fail('/basis/legalBasisId', 'a non-disclosure basis (skjermingshjemmel) cannot give access')
  }
  if (rule.recipient === 'any' && !('consent' in rule.basis))
    fail('/recipient', '"any" recipient needs the consent of the data subject as basis')
  if (rule.validFrom && rule.validTo && Date.parse(rule.validTo) <= Date.parse(rule.validFrom))
    fail('/validTo', 'must be after validFrom')
  if (errors.length) throw validationFailed(errors)
  const recipient = rule.recipient === 'any' ? 'any' : rule.recipient.orgnr
  const twin = others.find(
    (other) =>
      other.purpose.code === rule.purpose.code &&
      (other.recipient === 'any' ? 'any' : other.recipient.orgnr) === recipient,
  )
  // The gateway finds the one rule for (recipient, dataset, purpose): two would make the decision ambiguous.
  if (twin)
    throw new Problem(
      409,
      'conflict',
      `Access rule ${twin.id} already covers ${recipient} for purpose ${rule.purpose.code}`,
    )
}

async function datasetOfRules(db: Database, datasetId: string, orgnr: string) {
  const row = await datasetForChange(db, datasetId, orgnr)
  const [dataset] = await loadDatasets(db, [datasetId])
  return { row, dataset: dataset! }
}

/** Adds a rule to a dataset the caller publishes. */
export async function addAccessRule(
  db: Database,
  actor: ChangeActor,
  datasetId: string,
  rule: NewAccessRule,
  now: Date,
): Promise<AccessRule> {
  return db.transaction(async (tx) => {
    const { dataset } = await datasetOfRules(tx, datasetId, actor.orgnr)
    checkRule(rule, dataset, (await findActiveRules(tx, datasetId)).map(toAccessRule))
    const created = toAccessRule(await insertRule(tx, { id: newId('ar'), datasetId, at: now }, rule))
    await recordChange(tx, actor, ruleChange(created, 'created', now))
    return created
  })
}

async function ruleForChange(db: Database, datasetId: string, ruleId: string, ifMatch: IfMatch | undefined) {
  const row = await findRuleRow(db, datasetId, ruleId, true)
  if (!row) throw new Problem(404, 'not-found', `No access rule ${ruleId} on dataset ${datasetId}`)
  checkVersion(row, ifMatch, `Access rule ${ruleId}`)
  return row
}

/** Replaces a rule of a dataset the caller publishes; the gateway applies the new rule from its next decision. */
export async function updateAccessRule(
  db: Database,
  actor: ChangeActor,
  ids: { datasetId: string; ruleId: string },
  rule: NewAccessRule,
  now: Date,
  ifMatch?: IfMatch,
): Promise<AccessRule> {
  return db.transaction(async (tx) => {
    const { dataset } = await datasetOfRules(tx, ids.datasetId, actor.orgnr)
    const row = await ruleForChange(tx, ids.datasetId, ids.ruleId, ifMatch)
    const others = (await findActiveRules(tx, ids.datasetId)).filter((other) => other.id !== row.id)
    checkRule(rule, dataset, others.map(toAccessRule))
    const updated = toAccessRule(await updateRuleRow(tx, { id: row.id, version: row.version + 1, at: now }, rule))
    await recordChange(tx, actor, ruleChange(updated, 'updated', now))
    return updated
  })
}

export async function deleteAccessRule(
  db: Database,
  actor: ChangeActor,
  ids: { datasetId: string; ruleId: string },
  now: Date,
  ifMatch?: IfMatch,
): Promise<void> {
  await db.transaction(async (tx) => {
    await datasetOfRules(tx, ids.datasetId, actor.orgnr)
    const row = await ruleForChange(tx, ids.datasetId, ids.ruleId, ifMatch)
    const deleted = toAccessRule(await markRuleDeleted(tx, row.id, row.version + 1, now))
    await recordChange(tx, actor, ruleChange(deleted, 'deleted', now))
  })
}

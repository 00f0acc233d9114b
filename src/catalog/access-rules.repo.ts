import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { accessRules } from '../db/schema/index.ts'
import type { AccessRule, NewAccessRule } from './dataset.schemas.ts'

export type AccessRuleRow = typeof accessRules.$inferSelect

/** The API shape of a stored rule. */
export function toAccessRule(row: AccessRuleRow): AccessRule {
  return {
    id: row.id,
    datasetId: row.datasetId,
    recipient: row.recipientOrgnr ? { orgnr: row.recipientOrgnr } : 'any',
    purpose: { code: row.purposeCode, text: row.purposeText },
    basis: row.legalBasisId ? { legalBasisId: row.legalBasisId } : { consent: true },
    fields: row.fields,
    ...(row.validFrom ? { validFrom: row.validFrom.toISOString() } : {}),
    ...(row.validTo ? { validTo: row.validTo.toISOString() } : {}),
    oneTime: row.oneTime,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

function ruleColumns(rule: NewAccessRule) {
  return {
    recipientOrgnr: rule.recipient === 'any' ? null : rule.recipient.orgnr,
    purposeCode: rule.purpose.code,
    purposeText: rule.purpose.text,
    legalBasisId: 'legalBasisId' in rule.basis ? rule.basis.legalBasisId : null,
    fields: rule.fields,
    validFrom: rule.validFrom ? new Date(rule.validFrom) : null,
    validTo: rule.validTo ? new Date(rule.validTo) : null,
    oneTime: rule.oneTime,
  }
}

/** The rules of a dataset that are not deleted, oldest first (they may still be outside their validity period). */
export async function findActiveRules(db: Database, datasetId: string): Promise<AccessRuleRow[]> {
  return db
    .select()
    .from(accessRules)
    .where(and(eq(accessRules.datasetId, datasetId), isNull(accessRules.deletedAt)))
    .orderBy(asc(accessRules.createdAt), asc(accessRules.id))
}

export async function findRuleRow(
  db: Database,
  datasetId: string,
  ruleId: string,
  forUpdate = false,
): Promise<AccessRuleRow | undefined> {
  const query = db
    .select()
    .from(accessRules)
    .where(and(eq(accessRules.id, ruleId), eq(accessRules.datasetId, datasetId), isNull(accessRules.deletedAt)))
  const [row] = forUpdate ? await query.for('update') : await query
  return row
}

export async function insertRule(
  db: Database,
  input: { id: string; datasetId: string; at: Date },
  rule: NewAccessRule,
): Promise<AccessRuleRow> {
  const [row] = await db
    .insert(accessRules)
    .values({ ...input, ...ruleColumns(rule), version: 1, createdAt: input.at, updatedAt: input.at })
    .returning()
  return row!
}

export async function updateRuleRow(
  db: Database,
  input: { id: string; version: number; at: Date },
  rule: NewAccessRule,
): Promise<AccessRuleRow> {
  const [row] = await db
    .update(accessRules)
    .set({ ...ruleColumns(rule), version: input.version, updatedAt: input.at })
    .where(eq(accessRules.id, input.id))
    .returning()
  return row!
}

export async function markRuleDeleted(db: Database, id: string, version: number, at: Date): Promise<AccessRuleRow> {
  const [row] = await db
    .update(accessRules)
    .set({ deletedAt: at, version, updatedAt: at })
    .where(eq(accessRules.id, id))
    .returning()
  return row!
}

/** The rules of several datasets at once, by dataset id (for catalog pages and exports). */
export async function findActiveRulesOf(db: Database, datasetIds: string[]): Promise<Map<string, AccessRule[]>> {
  const byDataset = new Map<string, AccessRule[]>(datasetIds.map((id) => [id, []]))
  if (!datasetIds.length) return byDataset
  const rows = await db
    .select()
    .from(accessRules)
    .where(and(inArray(accessRules.datasetId, datasetIds), isNull(accessRules.deletedAt)))
    .orderBy(asc(accessRules.createdAt), asc(accessRules.id))
  for (const row of rows) byDataset.get(row.datasetId)?.push(toAccessRule(row))
  return byDataset
}

import { findConsent, findConsentRow } from '../consent/repo.ts'
import type { Database } from '../db/database.ts'
import type { consentRequests } from '../db/schema/index.ts'
import type { DecisionContext } from './decide.ts'

type DecisionConsent = NonNullable<DecisionContext['consent']>

/**
 * The consent a token carries, as the decision needs it. Its state (status, validity) is read on every request,
 * never cached: a revocation on any instance stops the very next delivery. What it covers (datasets, rules,
 * fields) is fixed when the consent is requested, so that part is read once per process and kept (bounded), which
 * makes a consent delivery one primary-key read instead of a join and a second query.
 */
export class GatewayConsentLookup {
  readonly #items = new Map<string, DecisionConsent['items']>()
  readonly #capacity: number

  constructor(capacity = 10_000) {
    this.#capacity = capacity
  }

  async find(db: Database, id: string): Promise<DecisionConsent | undefined> {
    const items = this.#items.get(id)
    if (!items) {
      const stored = await findConsent(db, id)
      if (!stored) return undefined
      const covered = stored.items.map((item) => ({
        datasetId: item.datasetId,
        ruleId: item.ruleId,
        fields: item.fields,
      }))
      if (this.#items.size >= this.#capacity) this.#items.delete(this.#items.keys().next().value!)
      this.#items.set(id, covered)
      return decisionConsent(stored.row, covered)
    }
    // The state only, which is all that changes: one primary-key read.
    const row = await findConsentRow(db, id)
    return row ? decisionConsent(row, items) : undefined
  }
}

function decisionConsent(row: typeof consentRequests.$inferSelect, items: DecisionConsent['items']): DecisionConsent {
  return {
    id: row.id,
    status: row.status,
    consumerOrgnr: row.consumerOrgnr,
    subjectFnr: row.subjectFnr,
    purposeCode: row.purposeCode,
    validTo: row.validTo,
    oneTime: row.oneTime,
    items,
  }
}

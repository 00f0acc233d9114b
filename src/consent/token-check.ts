import type { Database } from '../db/database.ts'
import { findConsent } from './repo.ts'
import { effectiveStatus } from './states.ts'

/** The authorization details type of a consent token (RFC 9396 §2). */
export const consentDetailType = 'deling:consent'

/**
 * What a consent token carries in `authorization_details` (RFC 9396 §9.1: the access token holds the details the
 * AS granted, which may be enriched beyond what the client asked for). The gateway reads subject, datasets and
 * purpose from here; a reader of the token sees what it is for.
 */
export interface ConsentDetail {
  [key: string]: unknown
  type: typeof consentDetailType
  id: string
  /** The citizen's fødselsnummer. */
  subject: string
  datasets: { datasetId: string; ruleId: string }[]
  /** The purpose code, as the gateway's `Deling-Purpose` header names it. */
  purpose: string
  /** RFC 3339 UTC. */
  validTo: string
}

export type ConsentTokenCheck = { ok: true; detail: ConsentDetail } | { ok: false; reason: string }

/**
 * Whether a consuming organisation may have a token for consent `id` at `now`: the consent must be its own,
 * accepted and unexpired. Another organisation's consent reads as unknown, so that ids do not leak.
 * This is the only way the auth slice looks at consents.
 */
export async function checkConsentForToken(
  db: Database,
  request: { id: string; consumerOrgnr: string; now: Date },
): Promise<ConsentTokenCheck> {
  const stored = await findConsent(db, request.id)
  if (!stored || stored.row.consumerOrgnr !== request.consumerOrgnr)
    return { ok: false, reason: `no consent ${request.id} for this organisation` }
  const { row, items } = stored
  const status = effectiveStatus(row, request.now)
  if (status !== 'accepted') return { ok: false, reason: `consent ${row.id} is ${status}, not accepted` }
  return {
    ok: true,
    detail: {
      type: consentDetailType,
      id: row.id,
      subject: row.subjectFnr,
      datasets: items.map((item) => ({ datasetId: item.datasetId, ruleId: item.ruleId })),
      purpose: row.purposeCode,
      validTo: row.validTo.toISOString(),
    },
  }
}

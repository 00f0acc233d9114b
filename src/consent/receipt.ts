import { CompactSign, importJWK } from 'jose'
import { publishedKeys } from '../auth/keys.ts'
import type { LanguageTextValue } from '../catalog/dataset.schemas.ts'
import type { Database } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import type { ConsentRequest } from './consent.schemas.ts'
import type { ConsentEventRow } from './repo.ts'

/** `typ` of the receipt's JWS: not a JWT, so no relying party can mistake a receipt for a token (RFC 8725 §3.11). */
export const receiptType = 'consent-receipt+jws'

/** A consent receipt after the ideas of ISO/IEC TS 27560: who, about whom, why, which data, how given, its history. */
export interface ConsentReceipt {
  receiptId: string
  issuer: string
  issuedAt: string
  controller: { orgnr: string; name: string }
  subject: string
  purpose: { code: string; text: LanguageTextValue }
  data: {
    datasetId: string
    title: LanguageTextValue
    publisher: { orgnr: string; name: string }
    fields: string[]
    ruleId: string
  }[]
  legalBasis: 'consent'
  given: { at: string | undefined; method: string; acr: string | undefined }
  validTo: string
  oneTime: boolean
  status: string
  history: { from: string | undefined; to: string; actor: string; at: string }[]
}

/** The receipt's content: the consent as it stands at `now`, with every state change. */
export function consentReceipt(
  consent: ConsentRequest,
  history: ConsentEventRow[],
  given: { acr: string | undefined },
  context: { now: Date; issuer: string },
): ConsentReceipt {
  return {
    receiptId: `urn:uuid:${crypto.randomUUID()}`,
    issuer: context.issuer,
    issuedAt: context.now.toISOString(),
    controller: consent.consumer,
    subject: consent.subject,
    purpose: consent.purpose,
    data: consent.datasets.map((dataset) => ({
      datasetId: dataset.datasetId,
      title: dataset.title,
      publisher: dataset.publisher,
      fields: dataset.fields,
      ruleId: dataset.ruleId,
    })),
    legalBasis: 'consent',
    given: { at: consent.decidedAt, method: 'Deling consent screen', acr: given.acr },
    validTo: consent.validTo,
    oneTime: consent.oneTime,
    status: consent.status,
    history: history.map((event) => ({
      from: event.fromStatus ?? undefined,
      to: event.toStatus,
      actor: event.actor,
      at: event.at.toISOString(),
    })),
  }
}

/**
 * Signs a receipt as a compact JWS (ES256) with Deling's current OpenID signing key, so that anyone can verify it
 * against `/oidc/jwks` by its `kid`. Web Crypto through jose only: the Worker signs receipts too.
 */
export async function signReceipt(db: Database, receipt: ConsentReceipt, now: Date): Promise<string> {
  // publishedKeys lists the signing key first; retired keys only stay published for verification.
  const [key] = await publishedKeys(db, 'oidc', now)
  if (!key || key.retiredAt) throw new Problem(500, 'internal-error', 'No signing key: receipts cannot be signed now')
  const privateKey = await importJWK(key.privateJwk, 'ES256')
  return new CompactSign(new TextEncoder().encode(JSON.stringify(receipt)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: receiptType, cty: 'json' })
    .sign(privateKey)
}

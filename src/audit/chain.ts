/** What a gateway decision leaves in the access log, before it is chained. */
export interface AccessLogContent {
  id: string
  at: string
  requestId: string
  consumerOrgnr: string
  clientId: string
  producerOrgnr: string | null
  datasetId: string
  subjectFnr: string | null
  purposeCode: string | null
  ruleId: string | null
  consentId: string | null
  legalBasisUri: string | null
  fieldsDelivered: string[]
  outcome: 'delivered' | 'denied' | 'upstream-failed'
  reason: string | null
  upstreamStatus: number | null
}

export interface ChainedEntry extends AccessLogContent {
  seq: number
  prevHash: string
  hash: string
}

/** The hash before the first entry. */
export const genesisHash = '0'.repeat(64)

// Fixed order, so the same entry always hashes the same, in Deling and in a third party's verifier.
const fieldOrder: (keyof AccessLogContent)[] = [
  'id',
  'at',
  'requestId',
  'consumerOrgnr',
  'clientId',
  'producerOrgnr',
  'datasetId',
  'subjectFnr',
  'purposeCode',
  'ruleId',
  'consentId',
  'legalBasisUri',
  'fieldsDelivered',
  'outcome',
  'reason',
  'upstreamStatus',
]

/** The bytes an entry's hash covers: its sequence number, the previous hash and its content as a JSON array. */
export function canonicalEntry(seq: number, prevHash: string, content: AccessLogContent): string {
  return JSON.stringify([seq, prevHash, ...fieldOrder.map((field) => content[field])])
}

/** SHA-256 (hex) of the canonical entry; Web Crypto, so Node and Workers chain alike. */
export async function entryHash(seq: number, prevHash: string, content: AccessLogContent): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalEntry(seq, prevHash, content)))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

export type ChainVerdict =
  | { valid: true; entries: number; lastHash: string }
  | { valid: false; entries: number; firstBroken: { seq: number; id: string | undefined; problem: string } }

/**
 * Checks a run of entries in sequence order, starting after `previous` (the genesis, or the last entry of the
 * run before): every sequence number follows the last (a deleted row leaves a gap), every entry names the hash
 * before it (reordering breaks this), and every hash is the hash of its content (any change breaks this).
 */
export async function verifyChain(
  entries: Iterable<ChainedEntry> | AsyncIterable<ChainedEntry>,
  previous: { seq: number; hash: string } = { seq: 0, hash: genesisHash },
): Promise<ChainVerdict> {
  let { seq, hash } = previous
  let count = 0
  for await (const entry of entries) {
    const broken = (problem: string): ChainVerdict => ({
      valid: false,
      entries: count,
      firstBroken: { seq: entry.seq, id: entry.id, problem },
    })
    if (entry.seq !== seq + 1) return broken(`expected entry ${seq + 1} here: an entry is missing or out of order`)
    if (entry.prevHash !== hash) return broken('does not follow the entry before it')
    if ((await entryHash(entry.seq, entry.prevHash, entry)) !== entry.hash)
      return broken('its content does not match its hash: it was changed')
    seq = entry.seq
    hash = entry.hash
    count++
  }
  return { valid: true, entries: count, lastHash: hash }
}

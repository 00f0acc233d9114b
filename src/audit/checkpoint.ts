import { CompactSign, importJWK } from 'jose'
import { publishedKeys } from '../auth/keys.ts'
import type { Database } from '../db/database.ts'
import { Problem, validationFailed } from '../http/problem.ts'
import { osloDayBounds } from '../time/oslo.ts'
import { entryHash, genesisHash } from './chain.ts'
import { chainRange, firstSeqAtOrAfter, hashOfEntry, lastSeq } from './repo.ts'

/** `typ` of the checkpoint's JWS: not a JWT, so no relying party can take it for a token (RFC 8725 §3.11). */
export const checkpointType = 'access-log-checkpoint+jws'

/**
 * What Deling signs at the end of an export: which run of the chain it holds, where the run starts (the hash of the
 * entry before it) and where it ends. A third party who trusts `/oidc/jwks` can then verify a day on its own.
 */
export interface CheckpointClaims {
  iss: string
  /** The Norwegian calendar day (Europe/Oslo) the export holds; absent for the whole log. */
  day?: string
  /** For a day: whether the day was over when it was signed (an export of today holds the entries so far). */
  complete?: boolean
  firstSeq: number
  lastSeq: number
  /** Hash of the entry before `firstSeq`; the genesis hash (64 zeros) before the first entry. */
  prevHash: string
  /** Hash of the entry `lastSeq`; equal to `prevHash` when the run is empty. */
  lastHash: string
  count: number
  iat: number
}

/** Where an export starts and ends in the chain. */
interface Span {
  afterSeq: number
  /** Undefined when the entry `afterSeq` is missing: the chain is broken before the run. */
  prevHash: string | undefined
  throughSeq?: number
  day?: { day: string; complete: boolean }
}

/**
 * A day is the run of the chain from the first entry stamped at or after its midnight up to the first entry stamped
 * at or after the next midnight. Days so tile the chain: each day's `prevHash` is the day before's `lastHash`, even
 * when instances' clocks differ by a few milliseconds around midnight.
 */
/** Longer than any request may run (DELING_REQUEST_TIMEOUT_MS, 30 s by default) before its entry is appended. */
const settleMs = 5 * 60 * 1000

async function daySpan(db: Database, day: string, now: Date): Promise<Span> {
  // Days are Norwegian calendar days: what an organisation or the Datatilsynet means by "that day".
  const bounds = osloDayBounds(day)
  if (!bounds) throw validationFailed([{ in: 'query', pointer: '/day', detail: `${day} is not a calendar day` }])
  const { start, end } = bounds
  if (start > now)
    throw validationFailed([{ in: 'query', pointer: '/day', detail: `${day} has not begun in Norway yet` }])
  const last = await lastSeq(db)
  const first = (await firstSeqAtOrAfter(db, start)) ?? last + 1
  const next = await firstSeqAtOrAfter(db, end)
  const afterSeq = first - 1
  return {
    afterSeq,
    prevHash: afterSeq === 0 ? genesisHash : await hashOfEntry(db, afterSeq),
    throughSeq: next === undefined ? last : next - 1,
    // Complete once the next day has an entry (later appends then fall in the next day's span), or once no request
    // begun that day can still be appending: entries carry the time their request began.
    day: { day, complete: next !== undefined || now.getTime() >= end.getTime() + settleMs },
  }
}

/**
 * Signs a checkpoint as a compact JWS (ES256) with Deling's current OpenID signing key, like consent receipts, so
 * that anyone verifies it against `/oidc/jwks` by its `kid`. jose on Web Crypto: the Worker exports too.
 */
async function signCheckpoint(db: Database, claims: CheckpointClaims, now: Date): Promise<string> {
  // publishedKeys lists the signing key first; retired keys only stay published for verification.
  const [key] = await publishedKeys(db, 'oidc', now)
  if (!key || key.retiredAt)
    throw new Problem(500, 'internal-error', 'No signing key: checkpoints cannot be signed now')
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: checkpointType, cty: 'json' })
    .sign(await importJWK(key.privateJwk, 'ES256'))
}

export interface AccessLogExport {
  filename: string
  /** JSON lines: the entries in sequence order, then `{"checkpoint": "<JWS>"}`, or `{"broken": …}` unsigned. */
  lines: AsyncGenerator<string>
}

/**
 * The whole log, or one Norwegian calendar day of it, as JSON lines ending with a signed checkpoint. The entries are
 * checked as they stream: Deling never signs a run whose chain is broken, it ends the export with what broke instead.
 */
export async function exportAccessLog(
  db: Database,
  request: { day?: string | undefined; issuer: string; now: Date },
): Promise<AccessLogExport> {
  const span: Span = request.day ? await daySpan(db, request.day, request.now) : { afterSeq: 0, prevHash: genesisHash }
  return {
    filename: request.day ? `deling-access-log-${request.day}.jsonl` : 'deling-access-log.jsonl',
    lines: checkpointedLines(db, span, request),
  }
}

async function* checkpointedLines(db: Database, span: Span, request: { issuer: string; now: Date }) {
  let seq = span.afterSeq
  let hash = span.prevHash
  let count = 0
  let broken: { seq: number; id?: string; problem: string } | undefined =
    hash === undefined ? { seq: span.afterSeq, problem: 'the entry before this run is missing' } : undefined
  // Lines go out in batches: one chunk per entry would cost a write each.
  let batch = ''
  for await (const entry of chainRange(db, span)) {
    batch += `${JSON.stringify(entry)}\n`
    if (++count % 100 === 0) {
      yield batch
      batch = ''
    }
    if (broken) continue
    // The checks of verifyChain (chain.ts), made on the way out.
    if (entry.seq !== seq + 1) broken = { seq: entry.seq, id: entry.id, problem: `expected entry ${seq + 1} here` }
    else if (entry.prevHash !== hash)
      broken = { seq: entry.seq, id: entry.id, problem: 'does not follow the entry before it' }
    else if ((await entryHash(entry.seq, entry.prevHash, entry)) !== entry.hash)
      broken = { seq: entry.seq, id: entry.id, problem: 'its content does not match its hash' }
    seq = entry.seq
    hash = entry.hash
  }
  // A gap at the run's end (its last entries deleted) is a break too: the span named them.
  if (!broken && span.throughSeq !== undefined && seq !== span.throughSeq)
    broken = { seq: seq + 1, problem: `expected entries up to ${span.throughSeq}` }
  if (broken || hash === undefined) {
    yield `${batch}${JSON.stringify({ broken })}\n`
    return
  }
  const claims: CheckpointClaims = {
    iss: request.issuer,
    ...(span.day ?? {}),
    firstSeq: span.afterSeq + 1,
    lastSeq: seq,
    prevHash: span.prevHash!,
    lastHash: hash,
    count,
    iat: Math.floor(request.now.getTime() / 1000),
  }
  yield `${batch}${JSON.stringify({ checkpoint: await signCheckpoint(db, claims, request.now) })}\n`
}

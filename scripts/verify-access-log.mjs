#!/usr/bin/env node
/**
 * Verifies an export of Deling's access log offline, with Node alone (no dependencies, no access to Deling):
 *
 *   node scripts/verify-access-log.mjs --jwks https://deling.example/oidc/jwks < deling-access-log-2026-11-23.jsonl
 *   node scripts/verify-access-log.mjs --jwks jwks.json --day 2026-11-23 < …   # also insist on the day
 *   node scripts/verify-access-log.mjs --last <hash> < deling-access-log.jsonl  # compare with an anchored hash
 *   node scripts/verify-access-log.mjs < deling-access-log.jsonl                # the chain only, no signature
 *
 * Each line is one entry (GET /audit/export), and the last is `{"checkpoint": "<compact JWS>"}`. An entry's hash is
 * the SHA-256 (hex) of the canonical form below, the same as `canonicalEntry` in src/audit/chain.ts. The checkpoint
 * is an ES256 JWS (RFC 7515) over {iss, day, firstSeq, lastSeq, prevHash, lastHash, count, iat}, checked by hand with
 * Web Crypto against the key its `kid` names in the JWKS. docs/audit.md describes both.
 * Exit 0: valid; 1: broken, or the checkpoint is not Deling's; 2: bad input.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'

const genesisHash = '0'.repeat(64)
const checkpointType = 'access-log-checkpoint+jws'
// The order matters: it is the order of the JSON array that is hashed.
const fieldOrder = [
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

const canonicalEntry = (entry) =>
  JSON.stringify([entry.seq, entry.prevHash, ...fieldOrder.map((field) => entry[field])])
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex')

const option = (name) => {
  const index = process.argv.indexOf(name)
  return index > 0 ? process.argv[index + 1] : undefined
}
const anchoredLast = option('--last')
const jwksSource = option('--jwks')
const expectedDay = option('--day')

function stop(code, message) {
  console.log(message)
  process.exit(code)
}
const broken = (entry, problem) => stop(1, `broken: entry ${entry.seq} (${entry.id ?? 'no id'}): ${problem}`)

async function readJwks(source) {
  try {
    const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : await readFile(source, 'utf8')
    const { keys } = JSON.parse(text)
    if (!Array.isArray(keys)) throw new Error('no "keys" array')
    return keys
  } catch (error) {
    return stop(2, `bad input: cannot read the JWKS from ${source}: ${error.message}`)
  }
}

/** The checkpoint's claims if Deling signed it with a key of the JWKS (RFC 7515 §5.2, ES256 per RFC 7518 §3.4). */
async function verifiedClaims(jws, keys) {
  const refuse = (why) => stop(1, `broken: the checkpoint is not Deling's: ${why}`)
  const parts = typeof jws === 'string' ? jws.split('.') : []
  if (parts.length !== 3) refuse('not a compact JWS')
  let header
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'))
  } catch {
    refuse('its header is not JSON')
  }
  if (!header || typeof header !== 'object') refuse('its header is not a JSON object')
  // RFC 7515 §4.1.11: extensions this verifier does not know must not be ignored.
  if (header.crit !== undefined) refuse('its header names critical extensions')
  if (header.alg !== 'ES256' || header.typ !== checkpointType) refuse(`alg ${header.alg}, typ ${header.typ}`)
  const jwk = keys.find((key) => key.kid === header.kid && key.kty === 'EC' && key.crv === 'P-256')
  if (!jwk) refuse(`no key ${header.kid} in the JWKS`)
  const { kty, crv, x, y } = jwk
  const key = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ])
  // An ES256 signature is r and s, 32 bytes each, which is what Web Crypto's ECDSA expects.
  const valid = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    Buffer.from(parts[2], 'base64url'),
    Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'),
  )
  if (!valid) refuse(`the signature does not verify with key ${header.kid}`)
  try {
    return { kid: header.kid, claims: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) }
  } catch {
    return refuse('its payload is not JSON')
  }
}

/** Without keys the checkpoint still says where the run starts, taken on trust. */
function unverifiedClaims({ checkpoint }) {
  try {
    return JSON.parse(Buffer.from(String(checkpoint).split('.')[1], 'base64url').toString('utf8'))
  } catch {
    return stop(2, 'bad input: the checkpoint is not a compact JWS')
  }
}

const keys = jwksSource ? await readJwks(jwksSource) : undefined
let first
let last
let count = 0
let ending
let lineNumber = 0
for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  lineNumber++
  if (!line.trim()) continue
  let entry
  try {
    entry = JSON.parse(line)
  } catch {
    stop(2, `bad input: line ${lineNumber} is not JSON`)
  }
  if (ending) stop(2, `bad input: line ${lineNumber} follows the checkpoint`)
  if ('checkpoint' in entry || 'broken' in entry) {
    ending = entry
    continue
  }
  // The same three checks as verifyChain. Where the run starts is the checkpoint's to say (below); an export with
  // no checkpoint is the whole log from the genesis.
  first ??= entry
  if (last && entry.seq !== last.seq + 1)
    broken(entry, `expected entry ${last.seq + 1} here: an entry is missing or out of order`)
  if (last && entry.prevHash !== last.hash) broken(entry, 'does not follow the entry before it')
  if (sha256(canonicalEntry(entry)) !== entry.hash) broken(entry, 'its content does not match its hash: it was changed')
  last = entry
  count++
}

if (ending?.broken) broken(ending.broken, `${ending.broken.problem}; Deling did not sign this export`)
let run = { firstSeq: 1, prevHash: genesisHash }
let signedBy = 'signature not checked (pass --jwks)'
if (keys && !ending) stop(1, 'broken: the export has no checkpoint to verify')
if (ending) {
  const { kid, claims } = keys ? await verifiedClaims(ending.checkpoint, keys) : { claims: unverifiedClaims(ending) }
  if (kid) signedBy = `signed by ${claims.iss} with key ${kid}`
  run = claims
  const mismatch = (what) => stop(1, `broken: the entries do not match the checkpoint: ${what}`)
  if (count !== claims.count) mismatch(`${count} entries, the checkpoint says ${claims.count}`)
  if (expectedDay !== undefined && claims.day !== expectedDay) mismatch(`it is for ${claims.day ?? 'the whole log'}`)
  if ((last?.hash ?? claims.prevHash) !== claims.lastHash) mismatch('the last hash differs: entries were cut off')
  if (last && last.seq !== claims.lastSeq) mismatch(`the last entry is ${last.seq}, not ${claims.lastSeq}`)
}
// The first entry must start where the run does: at the genesis, or after the entry the checkpoint names.
if (first && first.seq !== run.firstSeq) broken(first, `expected entry ${run.firstSeq} first: entries are missing`)
if (first && first.prevHash !== run.prevHash) broken(first, 'does not follow the hash the run starts from')
const lastHash = last?.hash ?? run.prevHash
if (anchoredLast !== undefined && anchoredLast !== lastHash)
  stop(1, `broken: the last hash is ${lastHash}, not the anchored ${anchoredLast}: entries were cut off or rewritten`)
const partial = run.day && run.complete === false ? ' (partial: exported before the day was over)' : ''
const what = run.day ? `${count} entries of ${run.day}${partial}` : `${count} entries`
console.log(`valid: ${what}${count ? ` (${first.seq}–${last.seq})` : ''}, last hash ${lastHash}; ${signedBy}`)

#!/usr/bin/env node
/**
 * Verifies an export of Deling's access log offline, with Node alone (no dependencies, no access to Deling):
 *
 *   node scripts/verify-access-log.mjs < deling-access-log.jsonl
 *   node scripts/verify-access-log.mjs --last <hash> < deling-access-log.jsonl   # also check against an anchored hash
 *
 * Each line is one entry (GET /audit/export). An entry's hash is the SHA-256 (hex) of the canonical form below,
 * the same as `canonicalEntry` in src/audit/chain.ts; docs/audit.md describes it. Exit 0: valid; 1: broken; 2: bad input.
 */
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'

const genesisHash = '0'.repeat(64)
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

const lastIndex = process.argv.indexOf('--last')
const anchoredLast = lastIndex > 0 ? process.argv[lastIndex + 1] : undefined

function broken(entry, problem) {
  console.log(`broken: entry ${entry.seq} (${entry.id ?? 'no id'}): ${problem}`)
  process.exit(1)
}

let seq = 0
let hash = genesisHash
let lineNumber = 0
for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  lineNumber++
  if (!line.trim()) continue
  let entry
  try {
    entry = JSON.parse(line)
  } catch {
    console.log(`bad input: line ${lineNumber} is not JSON`)
    process.exit(2)
  }
  // The same three checks as verifyChain: no gap, linked to the entry before, content matches its hash.
  if (entry.seq !== seq + 1) broken(entry, `expected entry ${seq + 1} here: an entry is missing or out of order`)
  if (entry.prevHash !== hash) broken(entry, 'does not follow the entry before it')
  if (sha256(canonicalEntry(entry)) !== entry.hash) broken(entry, 'its content does not match its hash: it was changed')
  seq = entry.seq
  hash = entry.hash
}
if (anchoredLast !== undefined && anchoredLast !== hash) {
  console.log(`broken: the last hash is ${hash}, not the anchored ${anchoredLast}: entries were cut off or rewritten`)
  process.exit(1)
}
console.log(`valid: ${seq} entries, last hash ${hash}`)

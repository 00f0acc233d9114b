import type { Database } from '../db/database.ts'
import { type ChainVerdict, verifyChain } from './chain.ts'
import { chainInOrder } from './repo.ts'

/**
 * Checks the whole access log from the genesis: rows are read in sequence order, a page at a time, and run through
 * one `verifyChain`, so the check carries the previous hash across pages and needs memory for one page only.
 */
export function verifyAccessLog(db: Database, pageSize = 1000): Promise<ChainVerdict> {
  return verifyChain(chainInOrder(db, pageSize))
}

/**
 * The log as JSON lines, one `ChainedEntry` a line with exactly the fields that are hashed, in sequence order:
 * what a third party needs to verify the chain offline (`scripts/verify-access-log.mjs`).
 */
export async function* exportLines(db: Database, pageSize = 1000): AsyncGenerator<string> {
  // Lines go out in batches: one chunk per entry would cost a write each.
  let batch = ''
  let lines = 0
  for await (const entry of chainInOrder(db, pageSize)) {
    batch += `${JSON.stringify(entry)}\n`
    if (++lines % 100 === 0) {
      yield batch
      batch = ''
    }
  }
  if (batch) yield batch
}

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

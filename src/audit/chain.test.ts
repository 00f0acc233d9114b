import { describe, expect, it } from 'vitest'
import { accessLogEntry } from '../../test/support/access-log.ts'
import { type AccessLogContent, type ChainedEntry, entryHash, genesisHash, verifyChain } from './chain.ts'

// The shared delivery fixture, as the chain stores it: with its id and the time as ISO text.
const content = (n: number): AccessLogContent => ({
  ...accessLogEntry(`req_${n}`),
  id: `al_${String(n).padStart(20, '0')}`,
  at: new Date(Date.UTC(2026, 10, 23, 12, 0, n)).toISOString(),
})

async function chain(length: number): Promise<ChainedEntry[]> {
  const entries: ChainedEntry[] = []
  let prevHash = genesisHash
  for (let seq = 1; seq <= length; seq++) {
    const hash = await entryHash(seq, prevHash, content(seq))
    entries.push({ ...content(seq), seq, prevHash, hash })
    prevHash = hash
  }
  return entries
}

describe('the access log chain', () => {
  it('verifies an intact chain', async () => {
    const entries = await chain(5)
    expect(await verifyChain(entries)).toEqual({ valid: true, entries: 5, lastHash: entries[4]!.hash })
  })

  it('names the first changed entry', async () => {
    const entries = await chain(5)
    entries[2] = { ...entries[2]!, fieldsDelivered: ['/personidentifikator', '/inntekt'] }
    expect(await verifyChain(entries)).toMatchObject({ valid: false, firstBroken: { seq: 3, problem: /changed/ } })
  })

  it('detects a deleted entry, even with its hash fixed up, and a reordering', async () => {
    const entries = await chain(5)
    expect(await verifyChain([...entries.slice(0, 2), ...entries.slice(3)])).toMatchObject({
      valid: false,
      firstBroken: { seq: 4, problem: /missing or out of order/ },
    })
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!]
    expect((await verifyChain(swapped)).valid).toBe(false)
  })

  it('detects an entry rewritten with a recomputed hash, because the next one no longer follows it', async () => {
    const entries = await chain(4)
    const forged = { ...content(2), subjectFnr: '03917920183' }
    entries[1] = { ...forged, seq: 2, prevHash: entries[0]!.hash, hash: await entryHash(2, entries[0]!.hash, forged) }
    expect(await verifyChain(entries)).toMatchObject({ valid: false, firstBroken: { seq: 3, problem: /follow/ } })
  })
})

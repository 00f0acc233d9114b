import { describe, expect, it } from 'vitest'
import { newId } from './ids.ts'

describe('newId', () => {
  it('is the kind, an underscore and 20 Crockford base32 characters', () => {
    expect(newId('req')).toMatch(/^req_[0-9abcdefghjkmnpqrstvwxyz]{20}$/)
  })

  it('never repeats, also across the refills of its pool of random bytes', () => {
    // 2 000 ids draw 40 000 bytes: about ten refills of the 4 KiB pool
    const ids = Array.from({ length: 2000 }, () => newId('al'))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('uses every character about equally often (the bytes map evenly onto the 32 characters)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 2000; i++)
      for (const char of newId('ds').slice(3)) counts.set(char, (counts.get(char) ?? 0) + 1)
    // 40 000 characters over 32: 1 250 each, 35 either way by chance; a pool of zeros or a bad mask would not be
    expect(counts.size).toBe(32)
    for (const count of counts.values()) expect(count).toBeGreaterThan(1000)
    for (const count of counts.values()) expect(count).toBeLessThan(1500)
  })
})

import { describe, expect, it } from 'vitest'
import { isRolledBackByConcurrentChange, retryConcurrentChange } from './errors.ts'

const deadlock = () =>
  new Error('Failed query: insert …', { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) })

describe('a transaction rolled back for a concurrent change', () => {
  it('is known by its code, also wrapped by drizzle', () => {
    expect(isRolledBackByConcurrentChange(deadlock())).toBe(true)
    expect(isRolledBackByConcurrentChange(Object.assign(new Error('x'), { code: '40001' }))).toBe(true)
    expect(isRolledBackByConcurrentChange(Object.assign(new Error('x'), { code: '23505' }))).toBe(false)
    expect(isRolledBackByConcurrentChange(new Error('x'))).toBe(false)
  })

  it('is run again until it passes, at most three times in all', async () => {
    let runs = 0
    const flaky = async () => {
      runs++
      if (runs < 3) throw deadlock()
      return 'seeded'
    }
    expect(await retryConcurrentChange(flaky)).toBe('seeded')
    expect(runs).toBe(3)

    runs = 0
    const stuck = async () => {
      runs++
      throw deadlock()
    }
    await expect(retryConcurrentChange(stuck)).rejects.toThrow('Failed query')
    expect(runs).toBe(3)
  })

  it('is not run again for any other error', async () => {
    let runs = 0
    const broken = async () => {
      runs++
      throw Object.assign(new Error('duplicate key'), { code: '23505' })
    }
    await expect(retryConcurrentChange(broken)).rejects.toThrow('duplicate key')
    expect(runs).toBe(1)
  })
})

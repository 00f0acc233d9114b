import { describe, expect, it } from 'vitest'
import { type ConsentActor, type ConsentStatus, checkTransition, effectiveStatus, isFinal } from './states.ts'

const allowed: [ConsentStatus, ConsentStatus, ConsentActor][] = [
  ['pending', 'accepted', 'citizen'],
  ['pending', 'rejected', 'citizen'],
  ['pending', 'withdrawn', 'consumer'],
  ['pending', 'expired', 'deling'],
  ['accepted', 'revoked', 'citizen'],
  ['accepted', 'revoked', 'consumer'],
  ['accepted', 'used', 'deling'],
  ['accepted', 'expired', 'deling'],
]

const statuses: ConsentStatus[] = ['pending', 'accepted', 'rejected', 'expired', 'revoked', 'used', 'withdrawn']
const actors: ConsentActor[] = ['citizen', 'consumer', 'deling']

describe('consent states', () => {
  it.each(allowed)('lets %s become %s by the %s', (from, to, actor) => {
    expect(checkTransition(from, to, actor)).toEqual({ allowed: true })
  })

  it('refuses every other change, with a reason', () => {
    for (const from of statuses)
      for (const to of statuses)
        for (const actor of actors) {
          if (allowed.some(([f, t, a]) => f === from && t === to && a === actor)) continue
          const check = checkTransition(from, to, actor)
          expect(check.allowed, `${from} → ${to} by ${actor}`).toBe(false)
          if (!check.allowed) expect(check.reason).toMatch(/cannot become|only/)
        }
  })

  it('never lets the consumer accept or the citizen mark a consent used', () => {
    expect(checkTransition('pending', 'accepted', 'consumer')).toEqual({
      allowed: false,
      reason: 'only citizen can make it accepted',
    })
    expect(checkTransition('accepted', 'used', 'citizen').allowed).toBe(false)
  })

  it('treats pending and accepted consents past validTo as expired, and leaves final states alone', () => {
    const validTo = new Date('2026-12-01T00:00:00Z')
    const after = new Date('2026-12-01T00:00:01Z')
    expect(effectiveStatus({ status: 'pending', validTo }, after)).toBe('expired')
    expect(effectiveStatus({ status: 'accepted', validTo }, after)).toBe('expired')
    expect(effectiveStatus({ status: 'accepted', validTo }, new Date('2026-11-30T00:00:00Z'))).toBe('accepted')
    expect(effectiveStatus({ status: 'revoked', validTo }, after)).toBe('revoked')
    expect(statuses.filter(isFinal)).toEqual(['rejected', 'expired', 'revoked', 'used', 'withdrawn'])
  })
})

import { describe, expect, it } from 'vitest'
import { type AccessRequestRole, type AccessRequestStatus, checkTransition, isFinal } from './states.ts'

const allowed: [AccessRequestStatus, AccessRequestStatus, AccessRequestRole][] = [
  ['submitted', 'changes-requested', 'publisher'],
  ['submitted', 'approved', 'publisher'],
  ['submitted', 'rejected', 'publisher'],
  ['submitted', 'withdrawn', 'requester'],
  ['changes-requested', 'submitted', 'requester'],
  ['changes-requested', 'withdrawn', 'requester'],
  ['changes-requested', 'rejected', 'publisher'],
]

const statuses: AccessRequestStatus[] = ['submitted', 'changes-requested', 'approved', 'rejected', 'withdrawn']
const roles: AccessRequestRole[] = ['requester', 'publisher']

describe('access request states', () => {
  it.each(allowed)('lets %s become %s by the %s', (from, to, role) => {
    expect(checkTransition(from, to, role)).toEqual({ allowed: true })
  })

  it('refuses every other change, with a reason', () => {
    for (const from of statuses)
      for (const to of statuses)
        for (const role of roles) {
          if (allowed.some(([f, t, r]) => f === from && t === to && r === role)) continue
          const check = checkTransition(from, to, role)
          expect(check.allowed, `${from} → ${to} by ${role}`).toBe(false)
          if (!check.allowed) expect(check.reason).toMatch(/cannot become|only the/)
        }
  })

  it('never lets the requester approve its own request, nor approve one waiting for changes', () => {
    expect(checkTransition('submitted', 'approved', 'requester')).toEqual({
      allowed: false,
      reason: 'only the publisher can make it approved',
    })
    expect(checkTransition('changes-requested', 'approved', 'publisher')).toEqual({
      allowed: false,
      reason: 'a changes-requested request cannot become approved',
    })
  })

  it('ends in approved, rejected or withdrawn', () => {
    expect(statuses.filter(isFinal)).toEqual(['approved', 'rejected', 'withdrawn'])
  })
})

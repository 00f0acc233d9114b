import type { AccessRequestStatus } from '../db/schema/access-requests.ts'

export type { AccessRequestStatus }
/** The two parties: the organisation asking for access, and the publisher of the dataset. */
export type AccessRequestRole = 'requester' | 'publisher'

/**
 * Every allowed change of an access request's state, and which party may make it. Anything not here is refused.
 * submitted → changes-requested | approved | rejected (the publisher), withdrawn (the requester);
 * changes-requested → submitted (the requester revises), withdrawn (the requester), rejected (the publisher).
 * approved, rejected and withdrawn are final: a new need is a new request.
 */
export const transitions: Record<
  AccessRequestStatus,
  Partial<Record<AccessRequestStatus, readonly AccessRequestRole[]>>
> = {
  submitted: {
    'changes-requested': ['publisher'],
    approved: ['publisher'],
    rejected: ['publisher'],
    withdrawn: ['requester'],
  },
  'changes-requested': { submitted: ['requester'], withdrawn: ['requester'], rejected: ['publisher'] },
  approved: {},
  rejected: {},
  withdrawn: {},
}

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string }

/** Whether `role` may move a request from `from` to `to`. Pure: the table above is the whole rule. */
export function checkTransition(
  from: AccessRequestStatus,
  to: AccessRequestStatus,
  role: AccessRequestRole,
): TransitionCheck {
  const roles = transitions[from][to]
  if (!roles) return { allowed: false, reason: `a ${from} request cannot become ${to}` }
  if (!roles.includes(role)) return { allowed: false, reason: `only the ${roles.join(' or ')} can make it ${to}` }
  return { allowed: true }
}

export const isFinal = (status: AccessRequestStatus) => Object.keys(transitions[status]).length === 0

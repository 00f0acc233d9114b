import type { ConsentStatus } from '../db/schema/consent.ts'

export type { ConsentStatus }
export type ConsentActor = 'citizen' | 'consumer' | 'deling'

/**
 * Every allowed change of a consent's state, and who may make it. Anything not in this table is refused.
 * pending → accepted | rejected (the citizen), withdrawn (the consumer), expired (Deling, at validTo);
 * accepted → revoked (the citizen or the consumer), used (Deling, after a one-time delivery), expired (Deling).
 */
export const transitions: Record<ConsentStatus, Partial<Record<ConsentStatus, readonly ConsentActor[]>>> = {
  pending: { accepted: ['citizen'], rejected: ['citizen'], withdrawn: ['consumer'], expired: ['deling'] },
  accepted: { revoked: ['citizen', 'consumer'], used: ['deling'], expired: ['deling'] },
  rejected: {},
  expired: {},
  revoked: {},
  used: {},
  withdrawn: {},
}

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string }

/** Whether `actor` may move a consent from `from` to `to`. Pure: the table above is the whole rule. */
export function checkTransition(from: ConsentStatus, to: ConsentStatus, actor: ConsentActor): TransitionCheck {
  const actors = transitions[from][to]
  if (!actors) return { allowed: false, reason: `a ${from} consent cannot become ${to}` }
  if (!actors.includes(actor)) return { allowed: false, reason: `only ${actors.join(' or ')} can make it ${to}` }
  return { allowed: true }
}

/** The state a consent is really in at `now`: a pending or accepted one past its validTo has expired. */
export function effectiveStatus(consent: { status: ConsentStatus; validTo: Date }, now: Date): ConsentStatus {
  if ((consent.status === 'pending' || consent.status === 'accepted') && consent.validTo <= now) return 'expired'
  return consent.status
}

export const isFinal = (status: ConsentStatus) => Object.keys(transitions[status]).length === 0

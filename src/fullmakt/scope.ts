import type { AuthorisationScope, RepresentationBasisKind } from '../db/schema/fullmakt.ts'

/** What a representative may do with the represented person's consents. */
export type Right = 'view' | 'revoke' | 'accept'

/** One source of authority over a person: an authorisation they gave, or a parent or guardian relation. */
export interface Grant {
  basis: { kind: RepresentationBasisKind; id: string }
  rights: readonly Right[]
  /** The consumers whose consents it covers; null: every organisation. */
  orgnrs: readonly string[] | null
  validTo: Date | null
}

/** The rights an authorisation gives: viewing always, revoking with `view-and-revoke`, answering only if granted. */
export function rightsOf(scope: AuthorisationScope, mayAccept: boolean): Right[] {
  return [
    'view',
    ...(scope === 'view-and-revoke' ? (['revoke'] as const) : []),
    ...(mayAccept ? ['accept' as const] : []),
  ]
}

/** Parents and guardians manage everything for the person they represent, as the person could. */
export const relationRights: readonly Right[] = ['view', 'revoke', 'accept']

const covers = (grant: Grant, orgnr: string) => grant.orgnrs === null || grant.orgnrs.includes(orgnr)

/**
 * The grant that lets a representative do `right` with a consent of the consumer `orgnr`, or undefined. Several
 * grants add up: a view-only authorisation for everyone and a revoking one for DNB let the representative revoke
 * DNB's consents and only look at the others. Pure: the grants are the whole rule.
 */
export function grantFor(grants: readonly Grant[], right: Right, orgnr: string): Grant | undefined {
  // A relation before an authorisation: the action is then recorded under the stronger basis.
  const ordered = [...grants].sort(
    (a, b) => Number(a.basis.kind === 'authorisation') - Number(b.basis.kind === 'authorisation'),
  )
  return ordered.find((grant) => grant.rights.includes(right) && covers(grant, orgnr))
}

/** The consumers whose consents and deliveries the grants let the representative see; null: all of them. */
export function visibleOrgnrs(grants: readonly Grant[]): string[] | null {
  const viewing = grants.filter((grant) => grant.rights.includes('view'))
  if (viewing.some((grant) => grant.orgnrs === null)) return null
  return [...new Set(viewing.flatMap((grant) => grant.orgnrs ?? []))].sort()
}

/** The rights that hold for at least one organisation: what the "acting for" banner tells the representative. */
export function rightsSummary(grants: readonly Grant[]): Right[] {
  const all: Right[] = ['view', 'revoke', 'accept']
  return all.filter((right) => grants.some((grant) => grant.rights.includes(right)))
}

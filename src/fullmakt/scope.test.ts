import { describe, expect, it } from 'vitest'
import { type Grant, grantFor, type Right, rightsOf, visibleOrgnrs } from './scope.ts'

const dnb = '984851006'
const nav = '889640782'
const grant = (id: string, kind: Grant['basis']['kind'], rights: Right[], orgnrs: string[] | null): Grant => ({
  basis: { kind, id },
  rights,
  orgnrs,
  validTo: null,
})

describe('scope of a representative', () => {
  it.each([
    ['view', false, ['view']],
    ['view-and-revoke', false, ['view', 'revoke']],
    ['view', true, ['view', 'accept']],
    ['view-and-revoke', true, ['view', 'revoke', 'accept']],
  ] as const)('an authorisation %s with accept=%s gives %j', (scope, accept, rights) => {
    expect(rightsOf(scope, accept)).toEqual(rights)
  })

  const viewAll = grant('fm_view', 'authorisation', ['view'], null)
  const revokeDnb = grant('fm_dnb', 'authorisation', ['view', 'revoke'], [dnb])
  const parent = grant('rr_parent', 'parent', ['view', 'revoke', 'accept'], null)

  it.each([
    [[viewAll], 'view', nav, 'fm_view'],
    [[viewAll], 'revoke', dnb, undefined],
    [[viewAll], 'accept', dnb, undefined],
    [[revokeDnb], 'view', nav, undefined],
    [[revokeDnb], 'revoke', dnb, 'fm_dnb'],
    [[revokeDnb], 'accept', dnb, undefined],
    [[viewAll, revokeDnb], 'revoke', dnb, 'fm_dnb'],
    [[viewAll, revokeDnb], 'revoke', nav, undefined],
    [[viewAll, revokeDnb], 'view', nav, 'fm_view'],
    [[revokeDnb, parent], 'revoke', dnb, 'rr_parent'],
    [[], 'view', dnb, undefined],
  ] as const)('grants %# let the representative %s for %s by %s', (grants, right, orgnr, basis) => {
    expect(grantFor(grants, right, orgnr)?.basis.id).toBe(basis)
  })

  it('shows only the organisations some viewing grant names, or all when one covers all', () => {
    expect(visibleOrgnrs([revokeDnb])).toEqual([dnb])
    expect(visibleOrgnrs([revokeDnb, grant('fm_nav', 'authorisation', ['view'], [nav])])).toEqual([nav, dnb].sort())
    expect(visibleOrgnrs([revokeDnb, viewAll])).toBeNull()
    expect(visibleOrgnrs([])).toEqual([])
  })
})

/**
 * The portal's own client at Deling's issuer, and the login levels it accepts. Kept apart from provider.ts so
 * the portal routes (which also run on Workers) do not pull oidc-provider into the Worker bundle.
 */
export const portalClientId = 'deling-portal'

/** `acr` of a login at the test identity provider: synthetic persons only, never a real login level. */
export const testIdpAcr = 'deling-test-idp'

/** Login levels, lowest accepted first; ID-porten's substantial and high levels are the real ones. */
export const citizenAcrValues = [testIdpAcr, 'idporten-loa-substantial', 'idporten-loa-high'] as const

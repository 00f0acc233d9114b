/** Who is calling, as established from a verified access token or a citizen session. */
export type Caller = OrganisationCaller | CitizenCaller

export interface OrganisationCaller {
  kind: 'organisation'
  orgnr: string
  clientId: string
  scopes: ReadonlySet<string>
  /** Issuer of the token: Deling's own, or a trusted external issuer such as Maskinporten. */
  issuer: string
  tokenId: string | undefined
  /** RFC 9396 authorization details carried by the token (e.g. a `deling:consent`). */
  authorizationDetails: readonly { type: string; [key: string]: unknown }[]
  /** RFC 9449: thumbprint of the key the token is bound to, when it is DPoP-bound. */
  dpopJkt: string | undefined
}

export interface CitizenCaller {
  kind: 'citizen'
  fnr: string
  name: string | undefined
  /** Security level of the login (e.g. `idporten-loa-high`). */
  acr: string | undefined
  via: 'session' | 'token'
  scopes: ReadonlySet<string>
}

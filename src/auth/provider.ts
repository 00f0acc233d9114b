import Provider, { type AuthorizationDetail, type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider'
import type { Config } from '../config.ts'
import { checkConsentForToken, consentDetailType } from '../consent/token-check.ts'
import type { Database } from '../db/database.ts'
import { iso6523Id } from '../identifiers/orgnr.ts'
import { stylesheetPath } from '../web/styles.ts'
import { fromStorage, postgresAdapter } from './adapter.ts'
import type { SigningKey } from './keys.ts'
import { citizenAcrValues, portalClientId } from './portal-client.ts'
import { errorPage, loggedOutPage, logoutPage } from './provider-pages.ts'
import { delingScopes } from './scopes.ts'

/** RFC 7523 via Maskinporten's rules: an assertion lives at most this long. */
export const maxAssertionLifetimeSeconds = 120
export const orgnrMetadata = 'urn:deling:orgnr'
export const clientAuthAlgorithms = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA']

export interface ProviderOptions {
  db: Database
  config: Config
  /** Published signing keys, the one to sign with first. */
  keys: SigningKey[]
  /** Secrets that sign oidc-provider's cookies; the same on every instance. */
  cookieKeys: string[]
  findPersonName: (fnr: string) => Promise<string | undefined>
}

const knownScopes = new Set(Object.keys(delingScopes))

/** Like Maskinporten: a token request names its scopes, and an unknown one is an error, not silently dropped. */
function refuseUnknownScopes(scope: unknown) {
  const requested = typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []
  if (!requested.length) throw new errors.InvalidScope('scope is required', '')
  const unknown = requested.filter((name) => !knownScopes.has(name))
  if (unknown.length) throw new errors.InvalidScope(`unknown scope: ${unknown.join(' ')}`, unknown.join(' '))
}

const invalidAssertion = (detail: string) => new errors.InvalidClientAuth(detail)

const invalidDetails = (detail: string) => new errors.InvalidAuthorizationDetails(detail)
const consentIdMaxLength = 200

/**
 * RFC 9396 §5: the AS refuses details that do not conform to their type's definition. A `deling:consent` request
 * names the consent and nothing else; Deling adds the rest when it grants the token. Consent tokens come only from
 * client_credentials: the consumer asks on its own behalf, the citizen already said yes on the consent screen.
 */
function validateConsentDetail(ctx: KoaContextWithOIDC, detail: AuthorizationDetail) {
  if (ctx.oidc.route !== 'token' || ctx.oidc.params?.grant_type !== 'client_credentials')
    throw invalidDetails(`${consentDetailType} is granted only with grant_type client_credentials`)
  const extra = Object.keys(detail).filter((key) => key !== 'type' && key !== 'id')
  if (extra.length) throw invalidDetails(`${consentDetailType} takes only type and id, not ${extra.join(', ')}`)
  if (typeof detail.id !== 'string' || !detail.id.length || detail.id.length > consentIdMaxLength)
    throw invalidDetails(`${consentDetailType} needs id, the consent's id`)
}

/**
 * RFC 9396 §6.1 and §7: the details an access token gets are the AS's decision. For a consent token: one consent,
 * this client's organisation's, accepted and unexpired now (by the provider's own clock, the one that stamps the
 * token's iat and exp), enriched with what the gateway needs. A revoked or expired consent gets no token. A token
 * already issued is not withdrawn when the consent is revoked: it lives at most accessTokenTtl (120 s) and never
 * past the consent's validTo, and the gateway re-checks the consent's state on every request, which is what stops
 * deliveries at once.
 */
async function consentDetailsForToken(
  ctx: KoaContextWithOIDC,
  token: { scope?: string | undefined },
  grantType: string,
  db: Database,
): Promise<AuthorizationDetail[]> {
  if (grantType !== 'client_credentials')
    throw invalidDetails(`${consentDetailType} is granted only with grant_type client_credentials`)
  // check_rar has parsed and validated the parameter already; this reads the same string again.
  const raw = ctx.oidc.params?.authorization_details
  if (typeof raw !== 'string') throw invalidDetails('authorization_details is missing')
  const requested = JSON.parse(raw) as AuthorizationDetail[]
  // One consent per token: the gateway then knows whose data a call is about without further parameters.
  if (requested.length !== 1) throw invalidDetails(`ask for one ${consentDetailType} per token`)
  if (!token.scope?.split(' ').includes('deling:gateway'))
    throw new errors.InvalidScope('a consent token is for the gateway: ask for scope deling:gateway', 'deling:gateway')
  const orgnr = ctx.oidc.client?.metadata()[orgnrMetadata]
  if (typeof orgnr !== 'string') throw invalidDetails('this client belongs to no organisation')
  const check = await fromStorage(() =>
    checkConsentForToken(db, { id: requested[0]!.id as string, consumerOrgnr: orgnr, now: new Date() }),
  )
  if (!check.ok) throw invalidDetails(check.reason)
  return [check.detail]
}

/** A consent token lives its usual time, but never beyond the consent's validTo. */
function consentBoundTtl(ttl: number, details: readonly AuthorizationDetail[] | undefined): number {
  const validTo = details?.find((detail) => detail.type === consentDetailType)?.validTo
  if (typeof validTo !== 'string') return ttl
  const left = Math.floor((Date.parse(validTo) - Date.now()) / 1000)
  return Math.max(1, Math.min(ttl, left))
}

/** Builds the authorization server configuration: Maskinporten-style organisation tokens and citizen login. */
export function createProvider(options: ProviderOptions): Provider {
  const { config, db } = options
  const audience = config.audience
  const resourceScopes = Object.keys(delingScopes).join(' ')

  const configuration: Configuration = {
    adapter: postgresAdapter(db),
    clients: [
      {
        client_id: portalClientId,
        client_name: 'Deling',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${config.publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${config.publicUrl}/`],
        scope: 'openid profile',
        // The citizen's login asks for no RFC 9396 details: consent tokens are client_credentials only.
        authorization_details_types: [],
      },
    ],
    clientDefaults: {
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'ES256',
      // oidc-provider's default is none: every organisation's client may ask for consent tokens.
      authorization_details_types: [consentDetailType],
    },
    clientAuthMethods: ['private_key_jwt', 'none'],
    extraClientMetadata: { properties: [orgnrMetadata] },
    enabledJWA: {
      clientAuthSigningAlgValues: clientAuthAlgorithms as Configuration['enabledJWA'] extends {
        clientAuthSigningAlgValues?: infer T
      }
        ? T
        : never,
      idTokenSigningAlgValues: ['ES256'],
      dPoPSigningAlgValues: ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA'],
      requestObjectSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
    },
    jwks: { keys: options.keys.map((key) => key.privateJwk) as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: options.cookieKeys },
    scopes: ['openid', 'profile', ...Object.keys(delingScopes)],
    // acr, auth_time and sid are oidc-provider's defaults; listing claims replaces them, so they are named again.
    claims: { acr: null, auth_time: null, sid: null, openid: ['sub', 'pid'], profile: ['name'] },
    acrValues: [...citizenAcrValues],
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      dPoP: { enabled: true },
      // RFC 9396: consent tokens. Discovery lists the types as authorization_details_types_supported (§10).
      richAuthorizationRequests: {
        enabled: true,
        types: { [consentDetailType]: { validate: validateConsentDetail } },
        // Code flows (the portal) never carry details: validate refuses them before this could be reached.
        authorizationDetailsForGrantSource: async () => {
          throw invalidDetails(`${consentDetailType} is granted only with grant_type client_credentials`)
        },
        authorizationDetailsForAccessToken: async (ctx, token, _source, grantType) =>
          consentDetailsForToken(ctx, token, grantType, db),
        // Introspection is disabled (JWT access tokens); were it enabled, it would show what the token carries.
        authorizationDetailsForIntrospection: async (_ctx, token) => token.rar,
      },
      introspection: { enabled: false },
      revocation: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html'
          ctx.body = logoutPage(form, stylesheetPath)
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html'
          ctx.body = loggedOutPage(stylesheetPath)
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget(`the only resource served here is ${audience}`)
          if (ctx.oidc.params?.grant_type === 'client_credentials') refuseUnknownScopes(ctx.oidc.params.scope)
          return {
            scope: resourceScopes,
            audience,
            accessTokenTTL: config.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          }
        },
      },
    },
    ttl: {
      AccessToken: config.accessTokenTtl,
      ClientCredentials: (_ctx, token) => consentBoundTtl(config.accessTokenTtl, token.rar),
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    findAccount: async (_ctx, sub) => {
      const name = await fromStorage(() => options.findPersonName(sub))
      return {
        accountId: sub,
        claims: async () => ({ sub, pid: sub, ...(name ? { name } : {}) }),
      }
    },
    extraTokenClaims: async (ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = await ctx.oidc.provider.Client.find(token.clientId as string)
        const orgnr = client?.metadata()[orgnrMetadata]
        if (typeof orgnr !== 'string') return undefined
        return { consumer: { authority: 'iso6523-actorid-upis', ID: iso6523Id(orgnr) } }
      }
      if (token.kind === 'AccessToken' && typeof token.accountId === 'string') return { pid: token.accountId }
      return undefined
    },
    // Maskinporten's rules for the client assertion, stricter than RFC 7523's minimum.
    assertJwtClientAuthClaimsAndHeader: async (ctx: KoaContextWithOIDC, claims: Record<string, unknown>) => {
      const issuer = ctx.oidc.provider.issuer
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
      if (audiences.length !== 1 || audiences[0] !== issuer) throw invalidAssertion(`aud must be the issuer, ${issuer}`)
      if (claims.sub !== claims.iss) throw invalidAssertion('sub must be the client_id')
      if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number')
        throw invalidAssertion('iat and exp are required')
      if (claims.exp - claims.iat > maxAssertionLifetimeSeconds) {
        throw invalidAssertion(`the assertion may live at most ${maxAssertionLifetimeSeconds} seconds (exp - iat)`)
      }
    },
    loadExistingGrant: async (ctx) => {
      const client = ctx.oidc.client!
      const session = ctx.oidc.session!
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      // The portal is Deling itself: a citizen who logs in is not asked to consent to Deling seeing who they are.
      if (client.clientId !== portalClientId) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! })
      grant.addOIDCScope('openid profile')
      grant.addOIDCClaims(['sub', 'pid', 'name'])
      grant.addResourceScope(audience, '')
      await grant.save()
      return grant
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    discovery: { service_documentation: `${config.publicUrl}/docs` },
    renderError: async (ctx, out) => {
      ctx.type = 'html'
      ctx.body = errorPage(out.error, out.error_description, stylesheetPath)
    },
  }

  const provider = new Provider(config.issuer, configuration)
  // A database outage (DatabaseUnavailable, adapter.ts) says when to try again, as Deling's own 503 problems do.
  provider.use(async (ctx, next) => {
    await next()
    if (ctx.status === 503) ctx.set('Retry-After', '2')
  })
  // Behind a TLS-terminating proxy the public URL is https while Node sees http: trust X-Forwarded-Proto then.
  provider.proxy = config.publicUrl.startsWith('https:')
  return provider
}

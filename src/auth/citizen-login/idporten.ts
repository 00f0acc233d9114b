import { importJWK, type JWK } from 'jose'
import * as oidc from 'openid-client'
import { type Config, ConfigError } from '../../config.ts'
import { classifyIdentityNumber } from '../../identifiers/fodselsnummer.ts'
import { discoveredClient } from './oidc-client.ts'

/**
 * The one redirect URI to register at ID-porten: fixed, because ID-porten matches it exactly. The interaction it
 * belongs to travels in `state` (`<uid>.<random>`).
 */
export const idportenCallbackPath = '/oidc/idporten/callback'
/** Deling asks for at least "substantial" (betydelig) and accepts "high" (høyt); anything lower is refused. */
export const requestedIdportenAcr = 'idporten-loa-substantial'
export const acceptedIdportenAcr: readonly string[] = ['idporten-loa-substantial', 'idporten-loa-high']

/** What the interaction keeps between the redirect to ID-porten and its callback (a signed, path-scoped cookie). */
export interface IdportenState {
  state: string
  verifier: string
  nonce: string
}

export interface IdportenLogin {
  pid: string
  acr: string
  amr: string[] | undefined
}

export class IdportenLoginRefused extends Error {}

const algorithmOf = (jwk: JWK): string => {
  if (jwk.alg) return jwk.alg
  if (jwk.kty === 'RSA') return 'RS256'
  if (jwk.kty === 'EC')
    return (
      ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as Record<string, string>)[jwk.crv ?? ''] ?? 'ES256'
    )
  return 'EdDSA'
}

/** Reads IDPORTEN_CLIENT_JWK at start, so a bad key stops the server instead of failing the first login. */
function privateJwk(text: string): JWK {
  let jwk: unknown
  try {
    jwk = JSON.parse(text)
  } catch {
    throw new ConfigError('invalid configuration: IDPORTEN_CLIENT_JWK must be a private JWK (JSON)')
  }
  if (!jwk || typeof jwk !== 'object' || !('kty' in jwk) || !('d' in jwk)) {
    throw new ConfigError('invalid configuration: IDPORTEN_CLIENT_JWK must be a private JWK, with its "d" member')
  }
  return jwk as JWK
}

/** Deling as a client of ID-porten: authorization code + PKCE, `private_key_jwt` with the configured key. */
export function idportenClient(config: Config, settings: NonNullable<Config['idporten']>) {
  const jwk = privateJwk(settings.clientJwk)
  const redirectUri = `${config.publicUrl}${idportenCallbackPath}`
  const configuration = discoveredClient({
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientAuthentication: async () => {
      const key = (await importJWK(jwk, algorithmOf(jwk))) as CryptoKey
      return oidc.PrivateKeyJwt({ key, kid: jwk.kid })
    },
    metadata: { token_endpoint_auth_method: 'private_key_jwt' },
  })

  return {
    /** The authorization request that sends the citizen to ID-porten, and what its callback must check. */
    async start(uid: string, language: string): Promise<{ url: URL; saved: IdportenState }> {
      const saved: IdportenState = {
        state: `${uid}.${oidc.randomState()}`,
        verifier: oidc.randomPKCECodeVerifier(),
        nonce: oidc.randomNonce(),
      }
      const url = oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid',
        acr_values: requestedIdportenAcr,
        code_challenge: await oidc.calculatePKCECodeChallenge(saved.verifier),
        code_challenge_method: 'S256',
        state: saved.state,
        nonce: saved.nonce,
        ui_locales: language,
      })
      return { url, saved }
    },

    /**
     * Exchanges the code from ID-porten's callback (query `search`) and reads who logged in. Throws
     * `oidc.AuthorizationResponseError` when ID-porten answered with an error (the citizen cancelled), and
     * `IdportenLoginRefused` when the ID token lacks a valid `pid` or a sufficient `acr`.
     */
    async finish(search: string, saved: IdportenState): Promise<IdportenLogin> {
      const tokens = await oidc.authorizationCodeGrant(await configuration(), new URL(`${redirectUri}${search}`), {
        pkceCodeVerifier: saved.verifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
      })
      const claims = tokens.claims()!
      const pid = claims.pid
      if (typeof pid !== 'string' || !classifyIdentityNumber(pid)) {
        throw new IdportenLoginRefused('the ID token has no valid pid')
      }
      if (typeof claims.acr !== 'string' || !acceptedIdportenAcr.includes(claims.acr)) {
        throw new IdportenLoginRefused(`the security level ${String(claims.acr)} is below ${requestedIdportenAcr}`)
      }
      const amr = Array.isArray(claims.amr) ? claims.amr.filter((method) => typeof method === 'string') : undefined
      return { pid, acr: claims.acr, amr }
    },
  }
}

export type IdportenClient = ReturnType<typeof idportenClient>

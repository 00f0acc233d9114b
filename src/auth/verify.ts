import { createRemoteJWKSet, decodeJwt, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose'
import type { Database } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import { isValidOrgnr } from '../identifiers/orgnr.ts'
import type { Caller } from './caller.ts'
import { checkDpopProof, dpopAlgorithms } from './dpop.ts'

export interface TrustedIssuer {
  issuer: string
  jwksUri: string
  audience: string
  /** Dotted path of the claim that holds `0192:<orgnr>` (Maskinporten: `consumer.ID`). */
  organisationClaim: string
}

export interface TokenVerifierOptions {
  issuer: string
  audience: string
  /** Deling's own token signing keys: from the database on Node, from the issuer's JWKS on Workers. */
  ownKeys: JWTVerifyGetKey
  findTrustedIssuer: (db: Database, issuer: string) => Promise<TrustedIssuer | undefined>
  rememberTokenId: (db: Database, jti: string, expiresAt: Date) => Promise<boolean>
  /** Clients of Deling's own issuer whose tokens must stop working before they expire. */
  disabledClients: (db: Database) => Promise<ReadonlySet<string>>
  clock: () => Date
  /** Verified tokens kept in memory until they expire; the cache is what makes 20k req/s possible. */
  cacheSize?: number
}

export interface PresentedCredentials {
  authorization: string | undefined
  dpop: string | undefined
  method: string
  urls: string[]
}

interface VerifiedToken {
  caller: Caller
  expiresAt: number
  jkt: string | undefined
}

const realm = 'realm="deling"'
const ownAlgorithms = ['ES256']
// RS256 and PS256 because Maskinporten and ID-porten sign with RSA.
const externalAlgorithms = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA']

const challenge = (error?: string, description?: string) => {
  const parameters = error ? `, error="${error}", error_description="${description}"` : ''
  return `Bearer ${realm}${parameters}, DPoP ${realm}${parameters}, algs="${dpopAlgorithms.join(' ')}"`
}

export const unauthorized = () =>
  new Problem(401, 'unauthorized', 'This operation needs an access token', {
    headers: { 'WWW-Authenticate': challenge() },
  })

const invalidToken = (detail: string) =>
  new Problem(401, 'invalid-token', detail, { headers: { 'WWW-Authenticate': challenge('invalid_token', detail) } })

const readPath = (claims: JWTPayload, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      claims,
    )

function organisationFrom(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const orgnr = value.startsWith('0192:') ? value.slice(5) : value
  return isValidOrgnr(orgnr) ? orgnr : undefined
}

/**
 * Verifies access tokens (RFC 9068) from Deling's own issuer or a trusted external issuer, with the DPoP proof
 * when the token is sender-constrained (RFC 9449), and turns them into a Caller. Web APIs only: runs on Workers.
 */
export class TokenVerifier {
  readonly #options: TokenVerifierOptions
  readonly #cache = new Map<string, VerifiedToken>()
  readonly #remoteKeys = new Map<string, JWTVerifyGetKey>()

  constructor(options: TokenVerifierOptions) {
    this.#options = options
  }

  async authenticate(db: Database, credentials: PresentedCredentials): Promise<Caller> {
    const { scheme, token } = this.#parseAuthorization(credentials.authorization)
    const now = this.#options.clock()
    const verified = await this.#verifyToken(db, token, now)
    const { caller } = verified
    if (
      caller.kind === 'organisation' &&
      caller.issuer === this.#options.issuer &&
      (await this.#options.disabledClients(db)).has(caller.clientId)
    ) {
      throw invalidToken('the client that got this token has been disabled')
    }
    if (verified.jkt) {
      if (scheme !== 'dpop')
        throw invalidToken('this token is bound to a DPoP key: send it as Authorization: DPoP with a DPoP proof')
      if (!credentials.dpop)
        throw new Problem(401, 'invalid-dpop-proof', 'a DPoP proof is required with a DPoP-bound token', {
          headers: { 'WWW-Authenticate': challenge('invalid_dpop_proof', 'missing DPoP proof') },
        })
      await checkDpopProof({
        proof: credentials.dpop,
        method: credentials.method,
        urls: credentials.urls,
        accessToken: token,
        expectedJkt: verified.jkt,
        now,
        remember: (jti, expiresAt) => this.#options.rememberTokenId(db, jti, expiresAt),
      })
    } else if (scheme === 'dpop') {
      throw invalidToken('this token is not DPoP-bound: send it as Authorization: Bearer')
    }
    return verified.caller
  }

  #parseAuthorization(header: string | undefined): { scheme: 'bearer' | 'dpop'; token: string } {
    if (!header) throw unauthorized()
    const match = /^(Bearer|DPoP) +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim())
    if (!match) throw invalidToken('the Authorization header must be "Bearer <token>" or "DPoP <token>"')
    return { scheme: match[1]!.toLowerCase() as 'bearer' | 'dpop', token: match[2]! }
  }

  async #verifyToken(db: Database, token: string, now: Date): Promise<VerifiedToken> {
    const cached = this.#cache.get(token)
    if (cached && cached.expiresAt > now.getTime()) return cached
    if (cached) this.#cache.delete(token)

    let unverified: JWTPayload
    try {
      unverified = decodeJwt(token)
    } catch {
      throw invalidToken('the access token is not a JWT')
    }
    const verified =
      unverified.iss === this.#options.issuer
        ? await this.#verifyOwn(token, now)
        : await this.#verifyExternal(db, token, unverified.iss, now)
    this.#remember(token, verified)
    return verified
  }

  async #verifyOwn(token: string, now: Date): Promise<VerifiedToken> {
    const claims = await this.#jwtVerify(token, this.#options.ownKeys, {
      issuer: this.#options.issuer,
      audience: this.#options.audience,
      algorithms: ownAlgorithms,
      typ: 'at+jwt',
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'jti', 'client_id'],
    })
    const scopes = new Set(typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [])
    const jkt = (claims.cnf as { jkt?: string } | undefined)?.jkt
    const expiresAt = (claims.exp as number) * 1000
    if (typeof claims.pid === 'string') {
      return {
        caller: {
          kind: 'citizen',
          fnr: claims.pid,
          name: undefined,
          acr: typeof claims.acr === 'string' ? claims.acr : undefined,
          via: 'token',
          scopes,
        },
        expiresAt,
        jkt,
      }
    }
    const orgnr = organisationFrom(readPath(claims, 'consumer.ID'))
    if (!orgnr) throw invalidToken('the access token names no organisation (consumer.ID)')
    return { caller: this.#organisationCaller(claims, orgnr, scopes, jkt), expiresAt, jkt }
  }

  async #verifyExternal(db: Database, token: string, issuer: string | undefined, now: Date): Promise<VerifiedToken> {
    const trusted = issuer ? await this.#options.findTrustedIssuer(db, issuer) : undefined
    if (!trusted) throw invalidToken('the access token is from an issuer Deling does not trust')
    let keys = this.#remoteKeys.get(trusted.jwksUri)
    if (!keys) {
      keys = createRemoteJWKSet(new URL(trusted.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 })
      this.#remoteKeys.set(trusted.jwksUri, keys)
    }
    const claims = await this.#jwtVerify(token, keys, {
      issuer: trusted.issuer,
      audience: trusted.audience,
      algorithms: externalAlgorithms,
      currentDate: now,
      requiredClaims: ['exp'],
    })
    const orgnr = organisationFrom(readPath(claims, trusted.organisationClaim))
    if (!orgnr) throw invalidToken(`the access token names no organisation in ${trusted.organisationClaim}`)
    const scopes = new Set(typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [])
    const jkt = (claims.cnf as { jkt?: string } | undefined)?.jkt
    return {
      caller: this.#organisationCaller(claims, orgnr, scopes, jkt),
      expiresAt: (claims.exp as number) * 1000,
      jkt,
    }
  }

  #organisationCaller(claims: JWTPayload, orgnr: string, scopes: Set<string>, jkt: string | undefined): Caller {
    const details = Array.isArray(claims.authorization_details) ? claims.authorization_details : []
    return {
      kind: 'organisation',
      orgnr,
      clientId: String(claims.client_id ?? claims.sub ?? ''),
      scopes,
      issuer: String(claims.iss),
      tokenId: typeof claims.jti === 'string' ? claims.jti : undefined,
      authorizationDetails: details.filter((detail): detail is { type: string } => typeof detail?.type === 'string'),
      dpopJkt: jkt,
    }
  }

  async #jwtVerify(
    token: string,
    keys: JWTVerifyGetKey,
    options: Parameters<typeof jwtVerify>[2],
  ): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, keys, options)
      return payload
    } catch (error) {
      const code = (error as { code?: string }).code
      const reasons: Record<string, string> = {
        ERR_JWT_EXPIRED: 'the access token has expired',
        ERR_JWT_CLAIM_VALIDATION_FAILED: `the access token is not valid here: ${(error as Error).message}`,
        ERR_JOSE_ALG_NOT_ALLOWED: 'the access token is signed with an algorithm Deling does not accept',
        ERR_JWKS_NO_MATCHING_KEY: 'the access token is signed by an unknown key',
        ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the access token signature does not verify',
        ERR_JWKS_TIMEOUT: "the issuer's keys could not be fetched in time",
      }
      throw invalidToken(reasons[code ?? ''] ?? 'the access token is not valid')
    }
  }

  #remember(token: string, verified: VerifiedToken) {
    const limit = this.#options.cacheSize ?? 10_000
    if (this.#cache.size >= limit) this.#cache.delete(this.#cache.keys().next().value!)
    this.#cache.set(token, verified)
  }
}

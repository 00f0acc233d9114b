import { base64url, calculateJwkThumbprint, decodeProtectedHeader, type JWK, jwtVerify } from 'jose'
import { Problem } from '../http/problem.ts'

/** Asymmetric algorithms accepted for DPoP proofs (RFC 9449 §4.3: never `none`, never a MAC). */
export const dpopAlgorithms = ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA']

// A proof is fresh within this window; its jti is remembered at least this long, so a replay is always caught.
const maxAgeSeconds = 120
const maxFutureSeconds = 30

export interface ProofCheck {
  proof: string
  method: string
  /** Every URL form the request may have been signed for (the public URL and the one that reached us). */
  urls: string[]
  accessToken: string
  expectedJkt: string
  now: Date
  /** Remembers a jti; false when it was already seen. */
  remember: (jti: string, expiresAt: Date) => Promise<boolean>
}

const invalidProof = (detail: string) =>
  new Problem(401, 'invalid-dpop-proof', detail, {
    headers: {
      'WWW-Authenticate': `DPoP error="invalid_dpop_proof", error_description="${detail}", algs="${dpopAlgorithms.join(' ')}"`,
    },
  })

const withoutQuery = (url: string) => {
  const parsed = new URL(url)
  return `${parsed.origin}${parsed.pathname}`
}

/** RFC 9449 §4.3: checks a DPoP proof against the request and the access token it accompanies. */
export async function checkDpopProof(check: ProofCheck): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(check.proof)
  } catch {
    throw invalidProof('the DPoP proof is not a JWT')
  }
  if (header.typ !== 'dpop+jwt') throw invalidProof('the DPoP proof must have typ dpop+jwt')
  if (!header.alg || !dpopAlgorithms.includes(header.alg))
    throw invalidProof('the DPoP proof must be signed with an asymmetric algorithm')
  const jwk = header.jwk as JWK | undefined
  if (!jwk || typeof jwk !== 'object') throw invalidProof('the DPoP proof must carry its public key in jwk')
  if ('d' in jwk || 'k' in jwk) throw invalidProof('the DPoP proof jwk must be a public key')
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(check.proof, jwk, {
      typ: 'dpop+jwt',
      algorithms: dpopAlgorithms,
      currentDate: check.now,
    }))
  } catch {
    throw invalidProof('the DPoP proof signature does not verify')
  }
  if (payload.htm !== check.method) throw invalidProof('htm does not match the request method')
  if (typeof payload.htu !== 'string' || !URL.canParse(payload.htu)) throw invalidProof('htu must be the request URL')
  if (!check.urls.map(withoutQuery).includes(withoutQuery(payload.htu)))
    throw invalidProof('htu does not match the request URL')
  const nowSeconds = Math.floor(check.now.getTime() / 1000)
  if (
    typeof payload.iat !== 'number' ||
    payload.iat < nowSeconds - maxAgeSeconds ||
    payload.iat > nowSeconds + maxFutureSeconds
  ) {
    throw invalidProof('the DPoP proof is not fresh (iat)')
  }
  if (typeof payload.jti !== 'string' || payload.jti.length < 8 || payload.jti.length > 256)
    throw invalidProof('the DPoP proof needs a unique jti')
  const expectedAth = base64url.encode(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(check.accessToken))),
  )
  if (payload.ath !== expectedAth) throw invalidProof('ath does not match the access token')
  if ((await calculateJwkThumbprint(jwk)) !== check.expectedJkt)
    throw invalidProof('the DPoP proof key is not the key the token is bound to')
  const rememberUntil = new Date((payload.iat + maxAgeSeconds + maxFutureSeconds) * 1000)
  if (!(await check.remember(`dpop:${check.expectedJkt}:${payload.jti}`, rememberUntil)))
    throw invalidProof('the DPoP proof was already used (jti replay)')
}

import * as oidc from 'openid-client'

/** Plain http is allowed only to this machine (a developer's Deling, or a test's identity provider). */
export function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]')
}

export interface ClientSetup {
  issuer: string
  clientId: string
  clientAuthentication: () => Promise<oidc.ClientAuth>
  metadata?: Partial<oidc.ClientMetadata>
}

// A failed discovery is retried after this long, not on every request while the issuer is down.
const retryAfterFailureMs = 2_000

/**
 * The openid-client configuration of one OpenID Provider, discovered on first use and kept for the life of the
 * process (an issuer's metadata changes with a deployment of it, not per request).
 */
export function discoveredClient(setup: ClientSetup): () => Promise<oidc.Configuration> {
  let configuration: Promise<oidc.Configuration> | undefined
  let failedAt = 0
  return () => {
    if (!configuration || (failedAt && Date.now() - failedAt > retryAfterFailureMs)) {
      failedAt = 0
      configuration = (async () =>
        oidc.discovery(
          new URL(setup.issuer),
          setup.clientId,
          setup.metadata,
          await setup.clientAuthentication(),
          isLoopbackHttp(setup.issuer) ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
        ))()
      configuration.catch(() => {
        failedAt = Date.now()
      })
    }
    return configuration
  }
}

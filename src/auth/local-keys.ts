import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose'
import type { SigningKey } from './keys.ts'

// A token naming an unknown kid reloads the key set; the floor keeps forged kids from turning into a query each.
const reloadFloorMs = 100

/**
 * Verifies Deling's own tokens with the keys in the database, without an HTTP round trip. The key set is read
 * again when a token names an unknown kid (a rotation here or on another instance); concurrent misses share one
 * reload.
 */
export function localKeyResolver(load: () => Promise<SigningKey[]>): JWTVerifyGetKey {
  let resolver: JWTVerifyGetKey | undefined
  let loadedAt = 0
  let loading: Promise<JWTVerifyGetKey> | undefined
  const reload = () => {
    loading ??= load()
      .then((keys) => {
        resolver = createLocalJWKSet({ keys: keys.map((key) => key.publicJwk) })
        loadedAt = Date.now()
        return resolver
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }
  return async (header, token) => {
    const current = resolver ?? (await reload())
    try {
      return await current(header, token)
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY' || Date.now() - loadedAt < reloadFloorMs)
        throw error
      return (await reload())(header, token)
    }
  }
}

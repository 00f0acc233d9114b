import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, withPublicUrl } from './config.ts'

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data on 127.0.0.1:8080', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8080',
      issuer: 'http://127.0.0.1:8080/oidc',
      audience: 'http://127.0.0.1:8080',
      dataDir: '.data',
      databaseUrl: undefined,
      seedDemo: true,
      accessTokenTtl: 120,
    })
  })

  it('uses Postgres without demo data when DATABASE_URL is set, unless DELING_DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@db/deling' }).seedDemo).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://x@db/deling', DELING_DEMO: '1' }).seedDemo).toBe(true)
    expect(loadConfig({ DELING_DEMO: '0' }).seedDemo).toBe(false)
  })

  it('derives issuer and audience from PUBLIC_URL, and lets Workers name the Node issuer', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://deling.example.no/' })).toMatchObject({
      issuer: 'https://deling.example.no/oidc',
      audience: 'https://deling.example.no',
    })
    expect(
      loadConfig({ PUBLIC_URL: 'https://edge.example.no', DELING_ISSUER: 'https://deling.example.no/oidc' }),
    ).toMatchObject({ issuer: 'https://deling.example.no/oidc', audience: 'https://deling.example.no' })
  })

  it('takes an empty variable for an unset one', () => {
    expect(loadConfig({ DATABASE_URL: '', DELING_DEMO: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      seedDemo: true,
      port: 8080,
    })
  })

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DELING_ACCESS_TOKEN_TTL: '5' })).toThrowError(
      ConfigError,
    )
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/)
      expect((error as Error).message).toMatch(/DATABASE_URL/)
    }
  })

  it('requires the ID-porten settings together', () => {
    expect(() => loadConfig({ IDPORTEN_ISSUER: 'https://idporten.no' })).toThrowError(/go together/)
  })

  it('moves everything to the real port when the server was started on port 0', () => {
    const moved = withPublicUrl(loadConfig({ PORT: '0' }), 'http://127.0.0.1:41234')
    expect(moved).toMatchObject({
      publicUrl: 'http://127.0.0.1:41234',
      issuer: 'http://127.0.0.1:41234/oidc',
      audience: 'http://127.0.0.1:41234',
    })
  })
})

// The token baseline: the least an authorization server must do for client_credentials with private_key_jwt
// (RFC 7523): read the form, verify the client's ES256 assertion (issuer, subject, audience, expiry, a jti seen
// once), and sign an ES256 access token. No client registry, no database, no policy: Hono on @hono/node-server.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose'

const clientId = process.env.CLIENT_ID ?? ''
const clientKey = await importJWK(JSON.parse(process.env.CLIENT_JWK ?? '{}') as JWK, 'ES256')
const { privateKey } = await generateKeyPair('ES256')
const seen = new Map<string, number>()

const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .post('/token', async (c) => {
    const form = await c.req.parseBody()
    const issuer = new URL('/token', c.req.url).href.replace(/\/token$/, '')
    const { payload } = await jwtVerify(String(form.client_assertion), clientKey, {
      issuer: clientId,
      subject: clientId,
      audience: issuer,
      algorithms: ['ES256'],
    })
    const jti = String(payload.jti)
    if (seen.has(jti)) return c.json({ error: 'invalid_client' }, 401)
    seen.set(jti, payload.exp ?? 0)
    if (seen.size > 100_000) seen.clear()
    const now = Math.floor(Date.now() / 1000)
    const accessToken = await new SignJWT({ client_id: clientId, scope: String(form.scope) })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' })
      .setIssuer(issuer)
      .setAudience('deling')
      .setJti(crypto.randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .sign(privateKey)
    return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 120, scope: form.scope })
  })
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) })

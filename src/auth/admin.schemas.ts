import { z } from '@hono/zod-openapi'
import { Orgnr } from '../catalog/organisation.schemas.ts'
import { scopeNames } from './scopes.ts'

const PublicJwk = z
  .looseObject({
    kty: z.enum(['EC', 'RSA', 'OKP']),
    kid: z.string().min(1).max(200).optional(),
    alg: z.string().optional(),
    use: z.string().optional(),
  })
  .openapi({
    example: {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
      kid: 'nav-2026-11',
      alg: 'ES256',
    },
  })

export const JwksSchema = z
  .object({ keys: z.array(PublicJwk).min(1).max(10) })
  .openapi('PublicJwks', { description: "The client's public signing keys (never private ones)" })

export const ClientSchema = z
  .object({
    clientId: z.string().openapi({ example: '6f1c1f7e-2b7a-4a52-9b0e-0c8d1b8f0d11' }),
    orgnr: Orgnr,
    name: z.string().openapi({ example: 'NAV dagpenger-integrasjon' }),
    scopes: z.array(z.string()).openapi({ example: ['deling:gateway'] }),
    jwks: JwksSchema,
    createdAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .openapi('Client')

export const NewClientSchema = z
  .object({
    orgnr: Orgnr,
    name: z.string().trim().min(1).max(200).openapi({ example: 'NAV dagpenger-integrasjon' }),
    scopes: z
      .array(z.enum(scopeNames))
      .min(1)
      .openapi({ example: ['deling:gateway', 'deling:consent.request'] }),
    jwks: JwksSchema,
  })
  .strict()
  .openapi('NewClient')

export const ClientId = z
  .string()
  .min(1)
  .max(200)
  .openapi({ param: { name: 'clientId', in: 'path' }, example: '6f1c1f7e-2b7a-4a52-9b0e-0c8d1b8f0d11' })

export const TrustedIssuerSchema = z
  .object({
    issuer: z.url().max(500).openapi({ example: 'https://maskinporten.no/' }),
    jwksUri: z.url().max(500).openapi({ example: 'https://maskinporten.no/jwk' }),
    audience: z.string().min(1).max(500).openapi({
      description: 'The `aud` tokens from this issuer must carry for Deling',
      example: 'https://deling.example.no',
    }),
    organisationClaim: z
      .string()
      .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a dotted claim path such as consumer.ID')
      .default('consumer.ID')
      .openapi({ description: 'Dotted path of the claim that holds `0192:<orgnr>`', example: 'consumer.ID' }),
  })
  .strict()
  .openapi('TrustedIssuer')

export const KeyRotationSchema = z
  .object({
    kid: z
      .string()
      .openapi({ description: 'The new signing key', example: 'q0J4Xo3cN8c5l2T3x8n8y6gC6w1mXb7kHh0m3F0y2dA' }),
    retired: z
      .array(z.string())
      .openapi({ description: 'Keys that stopped signing; they stay published until their tokens expire' }),
  })
  .openapi('KeyRotation')

export const RedirectOriginSchema = z
  .object({
    orgnr: Orgnr,
    origin: z.string().openapi({ example: 'https://dnb.example' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('RedirectOrigin')

export const NewRedirectOriginSchema = z
  .object({
    origin: z.string().min(1).max(300).openapi({
      description:
        'A web origin (scheme, host, optional port; no path): https, or http on localhost while developing. Stored as `URL.origin` writes it.',
      example: 'https://dnb.example',
    }),
  })
  .strict()
  .openapi('NewRedirectOrigin')

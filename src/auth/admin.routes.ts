import { createRoute, z } from '@hono/zod-openapi'
import { Orgnr } from '../catalog/organisation.schemas.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import {
  ClientId,
  ClientSchema,
  KeyRotationSchema,
  NewClientSchema,
  NewRedirectOriginSchema,
  RedirectOriginSchema,
  TrustedIssuerSchema,
} from './admin.schemas.ts'
import { addClient, disableClient, getClient, listClients } from './clients.ts'
import { rotateSigningKey } from './keys.ts'
import { requireScope } from './middleware.ts'
import { addRedirectOrigin, listRedirectOrigins, removeRedirectOrigin } from './redirect-origins.ts'
import { addTrustedIssuer, listTrustedIssuers, removeTrustedIssuer } from './token-store.ts'

const tags = ['Operator']
const OrgnrParam = z.object({ orgnr: Orgnr.openapi({ param: { name: 'orgnr', in: 'path' } }) })

/** Operator API for clients, redirect origins, signing keys and trusted issuers (scope `deling:admin`), mirrored by the CLI. */
export function authAdminRoutes(deps: AppDeps) {
  const admin = requireScope(deps.tokens, deps.config.publicUrl, 'deling:admin')
  const secured = { tags, security: organisationSecurity, middleware: admin }
  return createRouter()
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/admin/clients',
        operationId: 'listClients',
        summary: 'List API clients',
        description: 'All clients, or those of one organisation with `orgnr`.',
        request: { query: z.object({ orgnr: Orgnr.optional() }) },
        responses: {
          200: {
            description: 'The clients',
            content: {
              'application/json': { schema: z.object({ items: z.array(ClientSchema) }).openapi('ClientList') },
            },
          },
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json({ items: await listClients(c.get('db'), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/admin/clients',
        operationId: 'addClient',
        summary: 'Register an API client',
        description:
          'Registers a client of an organisation with its public JWKS and allowed scopes. The client authenticates with `private_key_jwt` (RFC 7523) at `/oidc/token`; Deling never holds its private key.',
        request: { body: jsonBody(NewClientSchema, 'The client') },
        responses: {
          201: { description: 'Registered', content: { 'application/json': { schema: ClientSchema } } },
          ...problemResponses(400, 401, 403, 409, 413, 415),
        },
      }),
      async (c) => c.json(await addClient(c.get('db'), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/admin/clients/{clientId}',
        operationId: 'getClient',
        summary: 'Get an API client',
        description: 'One client with its public keys and scopes.',
        request: { params: z.object({ clientId: ClientId }) },
        responses: {
          200: { description: 'The client', content: { 'application/json': { schema: ClientSchema } } },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await getClient(c.get('db'), c.req.valid('param').clientId), 200),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/admin/clients/{clientId}/disable',
        operationId: 'disableClient',
        summary: 'Disable an API client',
        description: 'The client gets no new tokens from now on. Disabling a disabled client changes nothing.',
        request: { params: z.object({ clientId: ClientId }) },
        responses: {
          200: { description: 'The disabled client', content: { 'application/json': { schema: ClientSchema } } },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await disableClient(c.get('db'), c.req.valid('param').clientId, deps.clock()), 200),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/admin/keys/rotate',
        operationId: 'rotateSigningKey',
        summary: 'Rotate the token signing key',
        description:
          'Starts signing tokens with a new ES256 key. The old key stops signing at once and stays in `/oidc/jwks` until the tokens it signed have expired.',
        responses: {
          200: {
            description: 'The new key and the retired ones',
            content: { 'application/json': { schema: KeyRotationSchema } },
          },
          ...problemResponses(401, 403),
        },
      }),
      async (c) =>
        c.json(await rotateSigningKey(c.get('db'), 'oidc', deps.clock(), deps.config.accessTokenTtl + 300), 200),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/admin/trusted-issuers',
        operationId: 'listTrustedIssuers',
        summary: 'List trusted external issuers',
        description: 'Authorization servers (such as Maskinporten) whose access tokens Deling accepts.',
        responses: {
          200: {
            description: 'The issuers',
            content: {
              'application/json': {
                schema: z.object({ items: z.array(TrustedIssuerSchema) }).openapi('TrustedIssuerList'),
              },
            },
          },
          ...problemResponses(401, 403),
        },
      }),
      async (c) => c.json({ items: await listTrustedIssuers(c.get('db')) }, 200),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/admin/trusted-issuers',
        operationId: 'addTrustedIssuer',
        summary: 'Trust an external issuer',
        description:
          'Accept access tokens from another authorization server, e.g. Maskinporten: its issuer, its JWKS URL, the audience its tokens must carry for Deling, and the claim that names the organisation.',
        request: { body: jsonBody(TrustedIssuerSchema, 'The issuer') },
        responses: {
          201: { description: 'Trusted', content: { 'application/json': { schema: TrustedIssuerSchema } } },
          ...problemResponses(400, 401, 403, 409, 413, 415),
        },
      }),
      async (c) => c.json(await addTrustedIssuer(c.get('db'), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'delete',
        path: '/admin/trusted-issuers',
        operationId: 'removeTrustedIssuer',
        summary: 'Stop trusting an external issuer',
        description:
          'Tokens from the issuer are refused from now on (within the verification cache lifetime of already-seen tokens).',
        request: { query: z.object({ issuer: z.url().openapi({ example: 'https://maskinporten.no/' }) }) },
        responses: {
          204: { description: 'Removed' },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        await removeTrustedIssuer(c.get('db'), c.req.valid('query').issuer)
        return c.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/admin/organisations/{orgnr}/redirect-origins',
        operationId: 'listRedirectOrigins',
        summary: "List an organisation's redirect origins",
        description:
          "The web origins the organisation's consent requests may send citizens back to (`redirectUrl`); any other origin is refused.",
        request: { params: OrgnrParam },
        responses: {
          200: {
            description: 'The origins',
            content: {
              'application/json': {
                schema: z.object({ items: z.array(RedirectOriginSchema) }).openapi('RedirectOriginList'),
              },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json({ items: await listRedirectOrigins(c.get('db'), c.req.valid('param').orgnr) }, 200),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/admin/organisations/{orgnr}/redirect-origins',
        operationId: 'addRedirectOrigin',
        summary: 'Register a redirect origin',
        description:
          "Lets the organisation's consent requests send citizens back to this origin (https, or http on localhost). Registering it twice is a conflict.",
        request: { params: OrgnrParam, body: jsonBody(NewRedirectOriginSchema, 'The origin') },
        responses: {
          201: { description: 'Registered', content: { 'application/json': { schema: RedirectOriginSchema } } },
          ...problemResponses(400, 401, 403, 404, 409, 413, 415),
        },
      }),
      async (c) =>
        c.json(await addRedirectOrigin(c.get('db'), c.req.valid('param').orgnr, c.req.valid('json').origin), 201),
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'delete',
        path: '/admin/organisations/{orgnr}/redirect-origins',
        operationId: 'removeRedirectOrigin',
        summary: 'Remove a redirect origin',
        description:
          'New consent requests may no longer redirect to the origin; requests already made keep their redirectUrl.',
        request: {
          params: OrgnrParam,
          query: z.object({ origin: z.string().min(1).max(300).openapi({ example: 'https://dnb.example' }) }),
        },
        responses: {
          204: { description: 'Removed' },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        await removeRedirectOrigin(c.get('db'), c.req.valid('param').orgnr, c.req.valid('query').origin)
        return c.body(null, 204)
      },
    )
}

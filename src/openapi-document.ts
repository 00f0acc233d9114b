import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Config } from './config.ts'
import type { AppEnv } from './http/env.ts'

const description = `Deling is the data-sharing catalog and consent gateway for the Norwegian public sector.

Agencies publish dataset descriptions with their legal basis and the access rules that make it executable;
consuming systems get an organisation token and request data through the gateway, under a legal basis or a
citizen's consent; every delivery is written to a tamper-evident access log that citizens can read.

## Authentication

Organisation tokens work like Maskinporten's. Register a client with a public JWKS (operator: \`npm run deling -- client add\`),
then sign a JWT assertion with its private key (RFC 7523, \`private_key_jwt\`: \`iss\` = \`sub\` = client_id,
\`aud\` = the issuer, \`jti\` unique, lifetime at most 120 s) and call the token endpoint:

    POST /oidc/token
    grant_type=client_credentials&scope=deling:gateway
    &client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=<JWT>

The answer is a short-lived ES256 JWT access token (RFC 9068). Send it as \`Authorization: Bearer <token>\`, or bind it
to a key with DPoP (RFC 9449: send a \`DPoP\` proof to the token endpoint and with each call, and use
\`Authorization: DPoP <token>\`). Tokens from trusted external issuers such as Maskinporten are accepted too.
Discovery: \`/oidc/.well-known/openid-configuration\`.

## Errors

Every error is \`application/problem+json\` (RFC 9457); its \`type\` URL explains it.`

/** Metadata of the OpenAPI document: the same for the live `/openapi.json` and the committed `openapi/openapi.json`. */
export function openApiConfig(config: Pick<Config, 'version'>) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Deling API',
      version: config.version,
      description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This Deling instance' }],
    tags: [
      { name: 'Operations', description: 'Health and problem types' },
      {
        name: 'Catalog',
        description:
          'Datasets with their legal bases, data services and access rules; search; DCAT-AP-NO export and harvest',
      },
      {
        name: 'Consent',
        description:
          "Consuming organisations ask for citizens' consent (scope `deling:consent.request`) and follow its state",
      },
      {
        name: 'Access requests',
        description:
          'Consuming organisations ask publishers for access to a dataset (scope `deling:gateway`); publishers ask for changes, approve (which creates the access rule) or reject (scope `deling:catalog.write`); both follow the history and an events feed',
      },
      {
        name: 'Audit',
        description:
          'The tamper-evident access log: entries of the organisations involved (scope `deling:audit.read`), verification and export for the auditor (scope `deling:admin`)',
      },
      {
        name: 'Gateway',
        description:
          'Brokered data access under an access rule or a consent (scope `deling:gateway`), and the keys that sign `Deling-Assertion`',
      },
      { name: 'Operator', description: 'Organisations, clients, keys and trusted issuers (scope `deling:admin`)' },
      {
        name: 'Citizen',
        description: "The citizen's own session and data, with the session cookie from `/auth/login`",
      },
    ],
  }
}

/** Registers the security schemes and serves the document at `/openapi.json` (the routes must all be registered first). */
export function describeApi(app: OpenAPIHono<AppEnv>, config: Config) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from `/oidc/token` (client_credentials with private_key_jwt) or a trusted issuer',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'dpopAuth', {
    type: 'http',
    scheme: 'DPoP',
    bearerFormat: 'JWT',
    description: 'A DPoP-bound access token (RFC 9449), sent with a `DPoP` proof header on each request',
  })
  // Built on first use, once per process or isolate: generating it costs 10-20 ms, too much for every request.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined
  app.get('/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document(openApiConfig(config))
    return c.json(document)
  })
}

/**
 * Writes openapi/openapi.json from the route definitions, the same document that `/openapi.json` serves.
 * `test/openapi.test.ts` fails when the committed file and the live document differ: run `npm run openapi`.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import { buildApp } from '../src/app.ts'
import type { TokenVerifier } from '../src/auth/verify.ts'
import { checkOpenApiBasics } from '../src/catalog/producer-openapi-basics.ts'
import { loadConfig } from '../src/config.ts'
import type { AppDeps } from '../src/deps.ts'
import { createLogger } from '../src/http/logger.ts'
import { openApiConfig } from '../src/openapi-document.ts'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

// Describing the API runs no request, so nothing may touch the database or verify a token.
const unused = <T extends object>(what: string) =>
  new Proxy({} as T, {
    get() {
      throw new Error(`${what} is not available while writing the OpenAPI document`)
    },
  })

export function openApiDocument() {
  const config = loadConfig({}, version)
  const deps: AppDeps = {
    config,
    logger: createLogger('silent'),
    clock: () => new Date(),
    checkProducerApi: checkOpenApiBasics,
    database: () => {
      throw new Error('the database is not available while writing the OpenAPI document')
    },
    tokens: unused<TokenVerifier>('the token verifier'),
  }
  return buildApp(deps).getOpenAPI31Document(openApiConfig(config))
}

const target = new URL('../openapi/openapi.json', import.meta.url)
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`)
console.log(`wrote ${target.pathname}`)

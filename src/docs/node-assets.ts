import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DocsAssetName } from './assets.ts'

/** The Node host's `docsAssets`: Swagger UI's files straight from node_modules/swagger-ui-dist. */
export function nodeDocsAssets(): (name: DocsAssetName) => Promise<string | undefined> {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  return (name) => readFile(join(folder, name), 'utf8')
}

import swaggerUiCss from 'swagger-ui-dist/swagger-ui.css'
import swaggerUiBundle from 'swagger-ui-dist/swagger-ui-bundle.js'
import type { AppDeps } from '../deps.ts'

// Workers have no file system: wrangler.toml's [[rules]] bundle these two files as text modules.
const assets = { 'swagger-ui-bundle.js': swaggerUiBundle, 'swagger-ui.css': swaggerUiCss }

/** The /docs page's Swagger UI files, from the bundle. */
export const docsAssets: NonNullable<AppDeps['docsAssets']> = async (name) => assets[name]

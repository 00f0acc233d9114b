import { Hono } from 'hono'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { Problem } from '../http/problem.ts'
import { type DocsAssetName, docsAssetNames, matchesEtag, type PreparedAsset, prepareAsset } from './assets.ts'
import { docsContentSecurityPolicy, docsPage, initScript } from './page.ts'

const immutable = 'public, max-age=31536000, immutable'

/**
 * The API reference at /docs: Swagger UI served by Deling itself, so it works with no internet and under a strict
 * CSP. Plain Hono routes, so they stay out of the OpenAPI document.
 */
export function docsRoutes(deps: AppDeps) {
  let prepared: Promise<Map<DocsAssetName, PreparedAsset> | undefined> | undefined
  const assets = () => {
    prepared ??= loadAssets(deps).catch((error: Error) => {
      prepared = undefined
      deps.logger.error('API reference assets could not be read', { error: error.message })
      return undefined
    })
    return prepared
  }

  const router = new Hono<AppEnv>()
  router.get('/docs', async (c) => {
    const loaded = await assets()
    const bundle = loaded?.get('swagger-ui-bundle.js')
    const css = loaded?.get('swagger-ui.css')
    c.header('Content-Security-Policy', docsContentSecurityPolicy)
    c.header('Cache-Control', 'no-cache')
    return c.html(
      docsPage(
        bundle && css
          ? {
              bundle: `/docs/assets/${bundle.name}?v=${bundle.version}`,
              css: `/docs/assets/${css.name}?v=${css.version}`,
            }
          : undefined,
      ),
    )
  })
  router.get('/docs/init.js', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.body(initScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  })
  router.get('/docs/assets/:name', async (c) => {
    const asset = (await assets())?.get(c.req.param('name') as DocsAssetName)
    if (!asset) throw new Problem(404, 'not-found', `No API reference asset ${c.req.param('name')} on this host`)
    // Versioned URLs (from the page) never change; an unversioned or stale one is revalidated by its ETag.
    c.header('Cache-Control', c.req.query('v') === asset.version ? immutable : 'public, no-cache')
    c.header('ETag', asset.etag)
    c.header('Vary', 'Accept-Encoding')
    if (matchesEtag(c.req.header('If-None-Match'), asset.etag)) return c.body(null, 304)
    c.header('Content-Type', asset.contentType)
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip')
      return c.body(asset.gzip, 200)
    }
    return c.body(asset.body, 200)
  })
  return router
}

async function loadAssets(deps: AppDeps): Promise<Map<DocsAssetName, PreparedAsset> | undefined> {
  if (!deps.docsAssets) return undefined
  const read = deps.docsAssets
  const loaded = await Promise.all(
    docsAssetNames.map(async (name) => {
      const text = await read(name)
      return text === undefined ? undefined : prepareAsset(name, text)
    }),
  )
  if (loaded.some((asset) => asset === undefined)) return undefined
  return new Map(loaded.map((asset) => [asset!.name, asset!]))
}

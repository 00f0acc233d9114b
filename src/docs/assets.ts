/** The Swagger UI files that /docs serves, prepared once: a content hash for the URL and ETag, and a gzip copy. */
export type DocsAssetName = 'swagger-ui-bundle.js' | 'swagger-ui.css'

export const docsAssetNames: readonly DocsAssetName[] = ['swagger-ui-bundle.js', 'swagger-ui.css']

export interface PreparedAsset {
  name: DocsAssetName
  contentType: string
  /** The first 16 hex digits of the SHA-256 of the content: the `v` in the asset's URL. */
  version: string
  etag: string
  body: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
}

const contentTypes: Record<DocsAssetName, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
}

async function gzip(body: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** Hashes and compresses one asset (Web APIs only, so it runs on Workers too). */
export async function prepareAsset(name: DocsAssetName, text: string): Promise<PreparedAsset> {
  const body = new TextEncoder().encode(text)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body))
  const version = Array.from(digest.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return { name, contentType: contentTypes[name], version, etag: `"${version}"`, body, gzip: await gzip(body) }
}

/** True when an `If-None-Match` header names this ETag (weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag === etag || tag === `W/${etag}`
  })
}

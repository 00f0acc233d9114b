import type { Context } from 'hono'
import type { AccessRule, Dataset } from '../dataset.schemas.ts'

/** The DCAT-AP-NO serialisations a dataset and the catalog can be had in, besides Deling's own JSON. */
export const dcatMediaTypes = ['text/turtle', 'application/ld+json'] as const

/** Answers with one dataset as DCAT-AP-NO in the negotiated serialisation. */
export async function renderDatasetDcat(
  c: Context,
  entry: { dataset: Dataset; accessRules: AccessRule[] },
  mediaType: string,
  publicUrl: string,
): Promise<Response> {
  // Loaded on first use: the RDF libraries are large, and most requests want JSON.
  const { datasetQuads, toJsonLd, toTurtle } = await import('./export.ts')
  const quads = datasetQuads(entry, publicUrl)
  if (mediaType === 'application/ld+json') {
    return c.body(JSON.stringify(await toJsonLd(quads)), 200, { 'Content-Type': 'application/ld+json; charset=utf-8' })
  }
  return c.body(await toTurtle(quads), 200, { 'Content-Type': 'text/turtle; charset=utf-8' })
}

/**
 * DCAT-AP-NO export of Deling's catalog (DESIGN.md §6): pure functions from datasets and access rules to RDF,
 * and the Turtle and JSON-LD serialisations, whole or streamed page by page. No database, no HTTP, no node:
 * imports, so it bundles for Workers as well.
 */
export { type CatalogOptions, type CatalogPublisher, catalogLinkQuads, catalogQuads } from './catalog.ts'
export { type CatalogEntry, datasetQuads } from './dataset.ts'
export {
  type CatalogStreamOptions,
  catalogJsonLd,
  catalogTurtle,
  type JsonLdDocument,
  type JsonLdNode,
  jsonLdContext,
  toJsonLd,
  toTurtle,
} from './serialise.ts'
export {
  accessRuleUri,
  catalogUri,
  dataServiceUri,
  datasetUri,
  gatewayUri,
  landingPageUri,
  legalBasisUri,
  openApiUri,
} from './uris.ts'

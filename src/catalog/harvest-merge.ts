import type { Dataset, NewDataset } from './dataset.schemas.ts'

/**
 * The harvested description as an update of the stored dataset. Legal bases (matched by type and law URI) and
 * data services (matched by endpoint URL) keep their ids, so access rules that name them stay valid. What a DCAT
 * document never carries is kept as stored: the record schema and the producer's OpenAPI documents.
 */
export function keepStoredParts(harvested: NewDataset, stored: Dataset): NewDataset {
  const storedBases = [...stored.legalBases]
  const legalBases = harvested.legalBases.map((basis) => {
    const index = storedBases.findIndex((kept) => kept.type === basis.type && kept.uri === basis.uri)
    if (index < 0) return basis
    const [kept] = storedBases.splice(index, 1)
    return { ...basis, id: kept!.id }
  })
  const storedServices = new Map(stored.dataServices.map((service) => [service.endpointUrl, service]))
  const dataServices = harvested.dataServices.map((service) => {
    const kept = storedServices.get(service.endpointUrl)
    if (!kept) return service
    storedServices.delete(service.endpointUrl)
    return { ...service, id: kept.id, ...(kept.openapi ? { openapi: kept.openapi } : {}) }
  })
  return {
    ...harvested,
    ...(stored.recordSchema ? { recordSchema: stored.recordSchema } : {}),
    legalBases,
    dataServices,
  }
}

/** Whether the description would change the stored dataset at all; if not, a re-harvest writes no new version. */
export function sameDescription(description: NewDataset, stored: Dataset): boolean {
  const current: NewDataset = {
    title: stored.title,
    description: stored.description,
    accessRights: stored.accessRights,
    themes: stored.themes,
    lifeEvents: stored.lifeEvents ?? [],
    keywords: stored.keywords,
    contactPoint: stored.contactPoint,
    containsPersonalData: stored.containsPersonalData,
    recordSchema: stored.recordSchema,
    legalBases: stored.legalBases,
    dataServices: stored.dataServices,
  }
  return canonical(description) === canonical(current)
}

// Postgres jsonb does not keep key order, so two equal descriptions are compared with their keys sorted.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  )
}

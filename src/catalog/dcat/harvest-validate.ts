import type { z } from 'zod'
import { type NewDataset, NewDatasetSchema } from '../dataset.schemas.ts'
import type { Report } from './harvest-types.ts'

type Candidate = z.input<typeof NewDatasetSchema>

/** The RDF property each field of NewDataset is read from, to name it in a problem. */
const properties: Record<string, string> = {
  title: 'dct:title',
  description: 'dct:description',
  accessRights: 'dct:accessRights',
  themes: 'dcat:theme',
  lifeEvents: 'dcat:theme',
  keywords: 'dcat:keyword',
  contactPoint: 'dcat:contactPoint',
  containsPersonalData: 'dcatno:containsPersonalData',
  legalBases: 'cpsv:follows',
  dataServices: 'dcat:DataService',
}

/** Parts that may be left out one by one while keeping the dataset: list entries and the contact point. */
const listFields = new Set(['themes', 'lifeEvents', 'legalBases', 'dataServices'])

/**
 * The last check: `NewDatasetSchema` decides, so an import can never store what the API would refuse. Each issue is
 * reported; the part it concerns is left out when it is optional, and the dataset is unusable when it is not.
 */
export function validateDataset(candidate: Candidate, report: Report): NewDataset | undefined {
  let current = structuredClone(candidate)
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = NewDatasetSchema.safeParse(current)
    if (result.success) return result.data
    let usable = true
    const drop: { field: string; language?: string; index: number }[] = []
    for (const issue of result.error.issues) {
      const [field, second, third] = issue.path as (string | number)[]
      report(
        properties[String(field)] ?? String(field ?? ''),
        `${issue.message} (at ${issue.path.join('.')}); left out`,
      )
      if (field === 'contactPoint' || field === 'recordSchema') current = { ...current, [field]: undefined }
      else if (listFields.has(String(field)) && typeof second === 'number')
        drop.push({ field: String(field), index: second })
      else if (field === 'keywords' && typeof second === 'string' && typeof third === 'number') {
        drop.push({ field, language: second, index: third })
      } else usable = false
    }
    if (!usable) return undefined
    current = without(current, drop)
  }
  return undefined
}

/** The candidate without the listed entries (removed from the end so earlier indexes stay right). */
function without(candidate: Candidate, drop: { field: string; language?: string; index: number }[]): Candidate {
  const next = structuredClone(candidate) as Record<string, unknown>
  for (const { field, language, index } of [...drop].sort((a, b) => b.index - a.index)) {
    const list = language ? (next[field] as Record<string, unknown[]>)[language] : (next[field] as unknown[])
    list?.splice(index, 1)
  }
  return next as Candidate
}

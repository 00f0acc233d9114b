import { loadDatasets } from '../catalog/datasets.repo.ts'
import { describeFields } from '../catalog/record-schema.ts'
import type { Database } from '../db/database.ts'
import type { Language } from '../web/i18n/index.ts'
import type { ConsentView } from './pages.tsx'

/** The consent as the citizen reads it: each dataset's fields in words from its record schema. */
export async function consentView(
  db: Database,
  consent: ConsentView['consent'],
  language: Language,
): Promise<ConsentView> {
  const datasets = await loadDatasets(
    db,
    consent.datasets.map((dataset) => dataset.datasetId),
  )
  const fields = Object.fromEntries(
    consent.datasets.map((item) => {
      const schema = datasets.find((dataset) => dataset.id === item.datasetId)?.recordSchema ?? {}
      return [item.datasetId, describeFields(schema, item.fields, language)]
    }),
  )
  return { consent, fields }
}

// Appends to the consumer's URL, keeping its own query: `https://bank.example/laan?steg=2&id=…&status=accepted`.
export function backToConsumer(redirectUrl: string, id: string, status: string): string {
  const url = new URL(redirectUrl)
  url.searchParams.set('id', id)
  url.searchParams.set('status', status)
  return url.href
}

import { and, eq, like, or } from 'drizzle-orm'
import { findDatasetBySource } from '../catalog/datasets.repo.ts'
import type { Database } from '../db/database.ts'
import { dataServices } from '../db/schema/index.ts'
import { demoProducerPath } from './producer.ts'

const inntektKey = 'urn:deling:demo:skatteetaten:inntekt'
const skatteetaten = '974761076'
/** Where seed version 2 pointed the income dataset, before the demo had a producer of its own. */
const placeholderEndpoint = 'https://inntekt.skatteetaten.example/v1'

/**
 * Points the demo income dataset's data service at the demo producer in this process. Runs with seed step 3 and
 * at every start, so a demo started on another port or public URL still reaches its producer; an endpoint a
 * person changed to something else is left alone.
 */
export async function pointDemoProducer(db: Database, publicUrl: string): Promise<boolean> {
  const dataset = await findDatasetBySource(db, skatteetaten, inntektKey)
  if (!dataset || dataset.deletedAt) return false
  const endpointUrl = `${publicUrl}${demoProducerPath}`
  const updated = await db
    .update(dataServices)
    .set({ endpointUrl })
    .where(
      and(
        eq(dataServices.datasetId, dataset.id),
        or(eq(dataServices.endpointUrl, placeholderEndpoint), like(dataServices.endpointUrl, `%${demoProducerPath}`)),
      ),
    )
    .returning({ id: dataServices.id })
  return updated.length > 0
}

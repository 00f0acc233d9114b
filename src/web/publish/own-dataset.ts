import type { Context } from 'hono'
import { DatasetId } from '../../catalog/catalog.schemas.ts'
import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { getDataset } from '../../catalog/datasets.ts'
import type { AppEnv } from '../../http/env.ts'
import { Problem } from '../../http/problem.ts'

/**
 * A dataset the organisation in the URL publishes. Any other id is 404, also another organisation's public dataset:
 * under /org/{orgnr} only the organisation's own datasets exist (the API would answer 403 for a visible one).
 */
export async function ownDataset(c: Context<AppEnv>, id: string | undefined): Promise<Dataset> {
  const actor = c.get('organisationActor')!
  const notFound = new Problem(404, 'not-found', `${actor.name} publishes no dataset ${id ?? ''}`)
  if (!DatasetId.safeParse(id).success) throw notFound
  try {
    const dataset = await getDataset(c.get('db'), id!, { orgnr: actor.orgnr })
    if (dataset.publisher.orgnr === actor.orgnr) return dataset
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 404) throw error
  }
  throw notFound
}

import type { AppDeps } from '../../deps.ts'
import { createRouter } from '../../http/openapi.ts'
import { datasetPublishingRoutes } from './dataset.routes.tsx'
import { rulePublishingRoutes } from './rule.routes.tsx'

/**
 * Publishing in the portal (/org/{orgnr}/datasets/…): an organisation's publishers describe datasets and their
 * access rules in forms. Pages only, outside the OpenAPI document; the API for the same is /catalog/datasets.
 */
export function publishingPageRoutes(deps: AppDeps) {
  const router = createRouter()
  // Rules first: `/datasets/:id/rules` must not be taken for a dataset page.
  router.route('/', rulePublishingRoutes(deps))
  router.route('/', datasetPublishingRoutes(deps))
  return router
}

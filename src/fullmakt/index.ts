import type { AppDeps } from '../deps.ts'
import { createRouter } from '../http/openapi.ts'
import { actingForRoutes } from './acting.routes.ts'
import { authorisationRoutes } from './routes.tsx'

/** Fullmakt: citizens' authorisations and the "acting for" switch (docs/adr/0013-fullmakt.md). */
export const fullmaktRoutes = (deps: AppDeps) =>
  createRouter().route('/', authorisationRoutes(deps)).route('/', actingForRoutes(deps))

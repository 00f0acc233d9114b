import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { incomeDataset } from '../support/catalog.ts'
import type { Driver } from '../support/database.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

export const subject = '12858440015'

/** Skatteetaten publishes; NAV asks (gateway scope); DNB is a third organisation with both scopes. */
export interface RequestWorld {
  app: TestApp
  datasetId: string
  legalBasisIds: { disclosure: string; processing: string }
  skatteetaten(): Promise<string>
  nav(): Promise<string>
  /** NAV with only the catalog scope: no requester rights. */
  navCatalog(): Promise<string>
  dnb(): Promise<string>
  /** A request body from NAV for the dagpenger purpose, with overrides. */
  request(overrides?: Record<string, unknown>): Record<string, unknown>
  /** A fresh request by NAV; returns its id. */
  submit(overrides?: Record<string, unknown>): Promise<string>
  counts(): Promise<{ requests: number; events: number; rules: number }>
  close(): Promise<void>
}

export async function requestWorld(
  options: { endpointUrl?: string; env?: Record<string, string>; driver?: Driver } = {},
) {
  const app = await startTestApp({ env: options.env, driver: options.driver })
  const skattClient = await registerClient(app, demoOrganisations.skatteetaten.orgnr, ['deling:catalog.write'])
  const navClient = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway', 'deling:catalog.write'])
  const dnbClient = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:gateway', 'deling:catalog.write'])
  const skatteetaten = () => accessToken(app, skattClient, 'deling:catalog.write')
  const input = incomeDataset()
  if (options.endpointUrl) input.dataServices = [{ title: { nb: 'Inntekt' }, endpointUrl: options.endpointUrl }]
  const dataset = await app.post('/catalog/datasets', input, { token: await skatteetaten() })
  if (dataset.status !== 201) throw new Error(dataset.text)
  const [disclosure, processing] = dataset.body.legalBases.map((basis: { id: string }) => basis.id)
  const request = (overrides: Record<string, unknown> = {}) => ({
    datasetId: dataset.body.id,
    purpose: { code: 'dagpenger', text: { nb: 'Behandle søknad om dagpenger' } },
    basis: { legalBasisId: disclosure },
    fields: ['/personidentifikator', '/navn', '/inntekt/beloep', '/inntekt/periode'],
    justification: 'NAV trenger inntekt og periode for å beregne dagpenger etter folketrygdloven § 4-4.',
    ...overrides,
  })
  const nav = () => accessToken(app, navClient, 'deling:gateway')
  const world: RequestWorld = {
    app,
    datasetId: dataset.body.id,
    legalBasisIds: { disclosure, processing },
    skatteetaten,
    nav,
    navCatalog: () => accessToken(app, navClient, 'deling:catalog.write'),
    dnb: () => accessToken(app, dnbClient, 'deling:gateway deling:catalog.write'),
    request,
    async submit(overrides) {
      const created = await app.post('/access-requests', request(overrides), { token: await nav() })
      if (created.status !== 201) throw new Error(created.text)
      return created.body.id
    },
    async counts() {
      const [row] = await queryRows<{ requests: number; events: number; rules: number }>(
        app.host.database.db,
        sql`select (select count(*)::int from access_requests) as requests,
          (select count(*)::int from access_request_events) as events,
          (select count(*)::int from access_rules where deleted_at is null) as rules`,
      )
      return row!
    },
    close: () => app.close(),
  }
  return world
}

import type { NewAccessLogEntry } from '../../src/audit/log.ts'
import { demoOrganisations } from './tokens.ts'

/** A delivery to NAV of Skatteetaten's income data about a synthetic person, as the gateway logs it. */
export const accessLogEntry = (requestId: string, changes: Partial<NewAccessLogEntry> = {}): NewAccessLogEntry => ({
  at: new Date(Date.UTC(2026, 10, 23, 12, 0, 0, 123)),
  requestId,
  consumerOrgnr: demoOrganisations.nav.orgnr,
  clientId: 'demo-nav',
  producerOrgnr: demoOrganisations.skatteetaten.orgnr,
  datasetId: 'ds_4k9x0qz2m9d4x8c1v5b6',
  subjectFnr: '12858440015',
  purposeCode: 'dagpenger',
  ruleId: 'ar_0m3k8qz2m9d4x8c1v5b6',
  consentId: null,
  legalBasisUri: 'https://lovdata.no/lov/2012-06-22-43/§7',
  fieldsDelivered: ['/inntekt/beloep', '/inntekt/periode'],
  outcome: 'delivered',
  reason: null,
  upstreamStatus: 200,
  ...changes,
})

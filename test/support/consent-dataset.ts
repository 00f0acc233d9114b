import { expect } from 'vitest'
import { appendAccessLog, type NewAccessLogEntry } from '../../src/audit/log.ts'
import type { TestApp } from './app.ts'
import { catalogActors, incomeDataset } from './catalog.ts'
import { demoOrganisations } from './tokens.ts'

/**
 * Skatteetaten's income dataset with the rule a bank's loan application uses: anyone, with the person's consent,
 * for `laanesoknad`. Answers the dataset's and the rule's ids.
 */
export async function incomeWithConsentRule(app: TestApp, rule: { oneTime?: boolean } = {}) {
  const skatt = await (await catalogActors(app)).skatteetaten()
  const dataset = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
  expect(dataset.status, dataset.text).toBe(201)
  const consentRule = {
    recipient: 'any',
    purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån' } },
    basis: { consent: true },
    fields: ['/personidentifikator', '/inntekt/beloep'],
    ...rule,
  }
  const created = await app.post(`/catalog/datasets/${dataset.body.id}/access-rules`, consentRule, { token: skatt })
  expect(created.status, created.text).toBe(201)
  return { datasetId: dataset.body.id as string, ruleId: created.body.id as string }
}

/** A delivery of a person's income to a consumer for a loan application, in the access log as the gateway writes it. */
export const recordIncomeDelivery = (
  app: TestApp,
  delivery: Pick<NewAccessLogEntry, 'at' | 'requestId' | 'consumerOrgnr' | 'clientId' | 'datasetId' | 'subjectFnr'> &
    Partial<Pick<NewAccessLogEntry, 'ruleId' | 'consentId'>>,
) =>
  appendAccessLog(app.host.database.db, {
    producerOrgnr: demoOrganisations.skatteetaten.orgnr,
    purposeCode: 'laanesoknad',
    ruleId: null,
    consentId: null,
    legalBasisUri: null,
    fieldsDelivered: ['/inntekt/beloep'],
    outcome: 'delivered',
    reason: null,
    upstreamStatus: 200,
    ...delivery,
  })

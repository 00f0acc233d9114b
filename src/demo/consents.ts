import { and, eq } from 'drizzle-orm'
import { findDatasetBySource } from '../catalog/datasets.repo.ts'
import { changeConsent, createConsentRequest } from '../consent/service.ts'
import type { Database } from '../db/database.ts'
import { consentRequests } from '../db/schema/index.ts'
import { demoFamily, demoPersons } from './persons.ts'

const dnb = { orgnr: '984851006', clientId: 'demo-dnb' }
const income = { publisher: '974761076', key: 'urn:deling:demo:skatteetaten:inntekt' }
const inAYear = (now: Date) => new Date(now.getTime() + 364 * 24 * 3600 * 1000).toISOString()

/**
 * DNB's loan applications in the demo, so "my page" has consents to read, answer and revoke after `npm start`:
 * Ingrid Fjellheim has accepted one (revoke it, download its receipt), Lars Bakken Strøm has one waiting, and one
 * about Emma Dahl (a minor) waits for her parents. A person who already has a DNB request is left alone.
 */
export async function seedDemoConsents(tx: Database, publicUrl: string, now: Date): Promise<void> {
  const dataset = await findDatasetBySource(tx, income.publisher, income.key)
  if (!dataset) return
  const [ingrid, lars] = demoPersons
  const wanted = [
    { subject: ingrid!, accept: true },
    { subject: lars!, accept: false },
    { subject: demoFamily.child, accept: false },
  ]
  for (const { subject, accept } of wanted) {
    const [existing] = await tx
      .select({ id: consentRequests.id })
      .from(consentRequests)
      .where(and(eq(consentRequests.subjectFnr, subject.fnr), eq(consentRequests.consumerOrgnr, dnb.orgnr)))
      .limit(1)
    if (existing) continue
    const request = await createConsentRequest(
      tx,
      dnb,
      {
        subject: subject.fnr,
        datasets: [{ datasetId: dataset.id }],
        purpose: {
          code: 'laanesoknad',
          text: { nb: 'Vurdere en søknad om boliglån', en: 'Assess a mortgage application' },
        },
        validTo: inAYear(now),
        oneTime: true,
        redirectUrl: 'https://dnb.example/laan',
      },
      { now, publicUrl },
    )
    if (accept) await changeConsent(tx, request.id, { to: 'accepted', actor: 'citizen', now }, () => true)
  }
}

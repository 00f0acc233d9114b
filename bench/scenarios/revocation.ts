import { addAccessRule, deleteAccessRule } from '../../src/catalog/access-rules.ts'
import { changeConsent } from '../../src/consent/service.ts'
import { demoDatasets, demoRule } from '../../src/demo/catalog.ts'
import {
  accessToken,
  type GatewayWorld,
  gatewayHeaders,
  seedGatewayWorld,
  skatteetaten,
  startProducer,
  subject,
} from '../gateway-world.ts'
import type { Scenario } from '../scenario.ts'

/** DESIGN.md §2: a revocation or a rule change reaches every instance within 1 s. */
const targetMs = 1_000
const samples = (smoke: boolean) => (smoke ? 3 : 15)

let world: (GatewayWorld & { rules: { purpose: string; ruleId: string }[] }) | undefined

interface Sample {
  ms: number
  /** Deliveries on the second instance after the change had committed. */
  deliveredAfter: number
}

const summary = (measured: Sample[]) => {
  const sorted = measured.map((sample) => sample.ms).sort((a, b) => a - b)
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!
  const round = (ms: number) => Math.round(ms * 100) / 100
  return {
    samples: sorted.length,
    p50Ms: round(at(0.5)),
    maxMs: round(sorted.at(-1)!),
    deliveredAfterChange: measured.reduce((sum, sample) => sum + sample.deliveredAfter, 0),
    withinTarget: sorted.at(-1)! <= targetMs,
  }
}

/**
 * Issue 9 item 4: two Deling instances on one Postgres. Tokens come from instance A; the change is committed by
 * the runner through the slices' own functions (as the instance the citizen or the producer used would); the
 * runner then calls instance B back to back and times the first 403 from the commit. Consent revocation, and
 * deletion of a legal-basis rule (which B holds in its cache until the catalog's notification arrives).
 */
export const revocation: Scenario = {
  name: 'revocation',
  description:
    'time from a committed consent revocation or rule deletion to the first 403 on a second instance (target ≤ 1 s)',
  databases: 'postgres-only',
  measureSeconds: 60,
  env: { DELING_UPSTREAM_ALLOW: '127.0.0.1', DELING_RATE_LIMIT: '0' },
  async seed(db, { smoke }) {
    const seeded = await seedGatewayWorld(db, samples(smoke))
    const income = demoDatasets.find((demo) => demo.key === 'urn:deling:demo:skatteetaten:inntekt')!
    const dagpenger = income.rules.find((rule) => rule.purpose.code === 'dagpenger')!
    const actor = { orgnr: skatteetaten.orgnr, clientId: undefined, via: 'seed' as const }
    const rules = []
    for (let n = 0; n < samples(smoke); n++) {
      const purpose = `kontroll-${n}`
      const rule = await addAccessRule(
        db,
        actor,
        seeded.datasetId,
        demoRule({ ...dagpenger, purpose: { code: purpose, text: { nb: `Kontroll ${n}` } } }, seeded.legalBasisIds),
        new Date(),
      )
      rules.push({ purpose, ruleId: rule.id })
    }
    world = { ...seeded, rules }
    return { datasetId: seeded.datasetId, consents: seeded.consent.consentIds.length, rules: rules.length }
  },
  async prepare(context) {
    if (!world || !context.database) throw new Error('revocation: needs the seed and the run’s Postgres')
    const seeded = world
    const db = context.database
    const a = context.deling.url
    await startProducer(context, seeded)
    const b = await context.startDeling({ DELING_ISSUER: `${a}/oidc` })
    const path = `${b.url}/gateway/${seeded.datasetId}/inntekt/${subject}`
    const call = async (token: string, purpose: string) => {
      const response = await fetch(path, { headers: gatewayHeaders(token, purpose) })
      await response.arrayBuffer()
      return response.status
    }
    /** Commits the change, then calls B back to back until it answers 403. */
    const timeChange = async (token: string, purpose: string, change: () => Promise<unknown>): Promise<Sample> => {
      const first = await call(token, purpose)
      if (first !== 200) throw new Error(`revocation: B answered ${first} before the change`)
      await change()
      const committed = performance.now()
      let deliveredAfter = 0
      for (;;) {
        const status = await call(token, purpose)
        const ms = performance.now() - committed
        if (status === 403) return { ms, deliveredAfter }
        if (status !== 200) throw new Error(`revocation: B answered ${status}`)
        deliveredAfter++
        if (ms > 10 * targetMs) throw new Error(`revocation: B still delivers ${ms} ms after the change`)
      }
    }
    return {
      async measure() {
        const consents: Sample[] = []
        for (const consentId of seeded.consent.consentIds) {
          const token = await accessToken(a, seeded.consumer, 'deling:gateway', [
            { type: 'deling:consent', id: consentId },
          ])
          consents.push(
            await timeChange(token, seeded.consent.purpose, () =>
              changeConsent(db, consentId, { to: 'revoked', actor: 'citizen', now: new Date() }, () => true),
            ),
          )
        }
        const rules: Sample[] = []
        const token = await accessToken(a, seeded.consumer, 'deling:gateway')
        const actor = { orgnr: skatteetaten.orgnr, clientId: undefined, via: 'seed' as const }
        for (const rule of seeded.rules)
          rules.push(
            await timeChange(token, rule.purpose, () =>
              deleteAccessRule(db, actor, { datasetId: seeded.datasetId, ruleId: rule.ruleId }, new Date()),
            ),
          )
        return { targetMs, consentRevoked: summary(consents), ruleDeleted: summary(rules) }
      },
    }
  },
}

import {
  accessLogCheck,
  accessToken,
  callOnce,
  type GatewayWorld,
  gatewayHeaders,
  seedGatewayWorld,
  startProducer,
  subject,
  tokenLifetimeSeconds,
} from '../gateway-world.ts'
import type { Scenario, Target } from '../scenario.ts'

type Access = 'legal-basis' | 'consent'

/**
 * GET /gateway/{datasetId}/inntekt/{fnr} as NAV: token verification, the decision (a rule with a legal basis, or
 * the consent in the token: read from the database on every request), Deling-Assertion, forward through the
 * pooled keep-alive client, projection to the rule's (or consent's) fields, hash-chained access log append.
 * Baseline: a bare keep-alive Hono proxy to the same producer, sent the same request bytes. Afterwards the access
 * log must verify and hold exactly one entry per acknowledged request.
 */
function gatewayScenario(access: Access): Scenario {
  let world: GatewayWorld | undefined
  return {
    name: access === 'legal-basis' ? 'gateway' : 'gateway-consent',
    description:
      access === 'legal-basis'
        ? 'GET /gateway/{id}/inntekt/{fnr} under a rule with a legal basis (token, decision, assertion, forward, projection, access log) vs. a bare keep-alive Hono proxy to the same producer'
        : 'the same under a citizen’s consent carried in the token (the consent is read on every request) vs. the same bare proxy',
    env: {
      // the producer is on loopback, which the SSRF guard refuses unless allowed
      DELING_UPSTREAM_ALLOW: '127.0.0.1',
      // the default 600 a minute per client and dataset would answer the load with 429s
      DELING_RATE_LIMIT: '0',
    },
    async seed(db) {
      world = await seedGatewayWorld(db)
      const rule = access === 'legal-basis' ? world.legalBasis : world.consent
      return { datasetId: world.datasetId, ruleId: rule.ruleId, purpose: rule.purpose, fields: rule.fields }
    },
    async prepare(context) {
      if (!world) throw new Error(`${access}: the scenario was not seeded`)
      const seeded = world
      if (context.load.warmup + context.load.duration > tokenLifetimeSeconds - 20)
        throw new Error(`gateway: a round (warm-up + duration) must stay under ${tokenLifetimeSeconds - 20} s`)
      const deling = context.deling.url
      const { proxy } = await startProducer(context, seeded)
      const path = `/gateway/${seeded.datasetId}/inntekt/${subject}`
      const purpose = access === 'legal-basis' ? seeded.legalBasis.purpose : seeded.consent.purpose
      const token = () =>
        accessToken(
          deling,
          seeded.consumer,
          'deling:gateway',
          access === 'consent' ? [{ type: 'deling:consent', id: seeded.consent.consentIds[0] }] : undefined,
        )
      const subjectTarget: Target = {
        label: `Deling gateway (${access})`,
        url: `${deling}${path}`,
        headers: gatewayHeaders(await token(), purpose),
      }
      // The same request bytes for the bare proxy (it ignores the headers).
      const baseline: Target = {
        label: 'bare keep-alive proxy',
        url: `${proxy.url}${path}`,
        headers: subjectTarget.headers,
      }
      const delivered = JSON.parse(await callOnce(subjectTarget)) as Record<string, unknown>
      const expected = access === 'legal-basis' ? 'inntekt,personidentifikator' : 'inntekt,navn,personidentifikator'
      if (Object.keys(delivered).sort().join() !== expected)
        throw new Error(`gateway: the answer was not cut to the fields: ${JSON.stringify(delivered).slice(0, 300)}`)
      await callOnce(baseline)
      // Gateway calls made here, besides the load: each one is an entry in the log too.
      const ownCalls = 1
      // PGlite answers one query at a time: 50 connections would only queue, past autocannon's 10 s time-out
      const connections = context.kind === 'pglite' ? 10 : context.load.connections
      return {
        subject: subjectTarget,
        baseline,
        connections,
        latency: [{ ...subjectTarget, label: `${subjectTarget.label}, one at a time` }],
        async refresh() {
          subjectTarget.headers = gatewayHeaders(await token(), purpose)
        },
        check: accessLogCheck(context, seeded, subjectTarget, () => ownCalls, connections),
      }
    },
  }
}

export const gateway = gatewayScenario('legal-basis')
export const gatewayConsent = gatewayScenario('consent')

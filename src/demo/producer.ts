/**
 * The demo's data service: Skatteetaten's income API (a-ordningen) with synthetic records for the synthetic
 * persons, as a producer behind Deling would run it. It answers only requests that carry a valid
 * `Deling-Assertion` (verified with Deling's published keys at /gateway/jwks) about the person asked for.
 * Mounted on the Node host when the demo is on; it is an example of a producer, not part of the gateway.
 */
import { Hono } from 'hono'
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose'
import { demoPersons } from './persons.ts'

export const demoProducerPath = '/demo/producer/skatteetaten/inntekt/v1'

const employers = [
  { orgnr: '974761076', navn: 'Skatteetaten' },
  { orgnr: '889640782', navn: 'Arbeids- og velferdsetaten' },
  { orgnr: '984851006', navn: 'DNB Bank ASA' },
]

/** Twelve months of made-up income for a person, the same every time (derived from the number). */
export function demoIncome(fnr: string, name: string, now: Date) {
  const seed = [...fnr].reduce((sum, digit) => sum * 31 + Number(digit), 7)
  const employer = employers[seed % employers.length]!
  const monthly = 30_000 + (seed % 40) * 1_000
  const inntekt = Array.from({ length: 12 }, (_, i) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12 + i, 1))
    return {
      beloep: monthly + (i === 5 ? monthly / 2 : 0),
      periode: month.toISOString().slice(0, 7),
      inntektstype: 'loennsinntekt',
      beskrivelse: i === 5 ? 'feriepenger' : 'fastloenn',
      arbeidsgiver: employer,
    }
  })
  return { personidentifikator: fnr, navn: name, inntekt, oppslagstidspunkt: now.toISOString() }
}

const feil = (kode: string, melding: string) => ({ kode, melding })

/** The demo producer as a Hono app; `publicUrl` is Deling's, whose gateway keys it trusts. */
export function demoProducer(publicUrl: string, clock: () => Date = () => new Date()) {
  const keys = createRemoteJWKSet(new URL(`${publicUrl}/gateway/jwks`), { cooldownDuration: 1_000 })
  const audience = new URL(publicUrl).origin
  const app = new Hono<{ Variables: { assertion: JWTPayload } }>()
  app.use('*', async (c, next) => {
    const assertion = c.req.header('Deling-Assertion')
    if (!assertion) return c.json(feil('INN-001', 'Deling-Assertion mangler'), 401)
    try {
      const { payload } = await jwtVerify(assertion, keys, {
        issuer: publicUrl,
        audience,
        algorithms: ['ES256'],
        typ: 'deling-assertion+jwt',
        maxTokenAge: 120,
      })
      c.set('assertion', payload)
    } catch (error) {
      return c.json(feil('INN-002', `Deling-Assertion er ikke gyldig: ${(error as Error).message}`), 401)
    }
    await next()
  })
  app.get('/inntekt/:personidentifikator', (c) => {
    const fnr = c.req.param('personidentifikator')
    // A producer checks that the assertion is about the person asked for: Deling decided for that person only.
    if (c.get('assertion').subject !== fnr) return c.json(feil('INN-003', 'Oppslaget gjelder en annen person'), 403)
    const person = demoPersons.find((candidate) => candidate.fnr === fnr)
    if (!person) return c.json(feil('INN-004', 'Fant ingen inntektsmottaker'), 404)
    return c.json(demoIncome(person.fnr, person.name, clock()))
  })
  return app
}

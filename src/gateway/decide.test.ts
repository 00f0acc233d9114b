import { describe, expect, it } from 'vitest'
import type { AccessRule } from '../catalog/dataset.schemas.ts'
import { type DecisionContext, decide, type GatewayRequest, intersectFields } from './decide.ts'

const now = new Date('2026-03-01T12:00:00Z')
const nav = '889640782'
const dnb = '984851006'
const fnr = '12858440015'
const other = '03917920183'
const lawUri = 'https://lovdata.no/lov/2012-06-22-43/§7'

const rule = (id: string, overrides: Partial<AccessRule> = {}): AccessRule => ({
  id,
  datasetId: 'ds_1',
  recipient: { orgnr: nav },
  purpose: { code: 'dagpenger', text: { nb: 'Dagpenger' } },
  basis: { legalBasisId: 'lb_law' },
  fields: ['/personidentifikator', '/inntekt/beloep'],
  oneTime: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
})

const consentRule = rule('ar_consent', {
  recipient: 'any',
  purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
  basis: { consent: true },
  fields: ['/personidentifikator', '/inntekt'],
})

const context = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  dataset: {
    containsPersonalData: true,
    legalBases: [
      { id: 'lb_law', uri: lawUri, type: 'disclosure' },
      { id: 'lb_secret', uri: 'https://lovdata.no/secret', type: 'non-disclosure' },
    ],
  },
  rules: [rule('ar_law'), consentRule],
  ...overrides,
})

const consent = (overrides: Partial<NonNullable<DecisionContext['consent']>> = {}) => ({
  id: 'cr_1',
  status: 'accepted' as const,
  consumerOrgnr: dnb,
  subjectFnr: fnr,
  purposeCode: 'laanesoknad',
  validTo: new Date('2026-04-01T00:00:00Z'),
  oneTime: false,
  items: [{ datasetId: 'ds_1', ruleId: 'ar_consent', fields: ['/personidentifikator', '/inntekt/beloep'] }],
  ...overrides,
})

const navRequest: GatewayRequest = { consumerOrgnr: nav, datasetId: 'ds_1', purpose: 'dagpenger', subject: fnr }
const consentDetail = { id: 'cr_1', datasets: [{ datasetId: 'ds_1', ruleId: 'ar_consent' }] }
const dnbRequest: GatewayRequest = {
  consumerOrgnr: dnb,
  datasetId: 'ds_1',
  purpose: 'laanesoknad',
  subject: fnr,
  consentDetail,
}

describe('decide: allowed', () => {
  it('allows a live rule with a legal basis, with its fields and the law', () => {
    expect(decide(navRequest, context(), now)).toEqual({
      allow: true,
      rule: rule('ar_law'),
      basis: { legalBasisUri: lawUri },
      fields: ['/personidentifikator', '/inntekt/beloep'],
      subject: fnr,
    })
  })

  it('allows an accepted consent, with the consented fields the rule still gives', () => {
    const decision = decide(dnbRequest, context({ consent: consent({ oneTime: true }) }), now)
    expect(decision).toMatchObject({
      allow: true,
      rule: { id: 'ar_consent' },
      basis: { consentId: 'cr_1', oneTime: true },
      fields: ['/personidentifikator', '/inntekt/beloep'],
    })
  })

  it('needs no subject for data about no one, and drops one that is sent', () => {
    const open = context({ dataset: { ...context().dataset, containsPersonalData: false } })
    expect(decide({ ...navRequest, subject: undefined }, open, now)).toMatchObject({ allow: true, subject: undefined })
    expect(decide(navRequest, open, now)).toMatchObject({ allow: true, subject: undefined })
  })

  it('uses a legal basis when the token carries a consent for other datasets', () => {
    const request = { ...navRequest, consentDetail: { id: 'cr_2', datasets: [{ datasetId: 'ds_9', ruleId: 'x' }] } }
    expect(decide(request, context(), now)).toMatchObject({ allow: true, basis: { legalBasisUri: lawUri } })
  })
})

type Case = [name: string, request: GatewayRequest, context: DecisionContext, reason: string]

const denials: Case[] = [
  ['personal data without a subject', { ...navRequest, subject: undefined }, context(), 'subject-required'],
  ['a subject that is not a fødselsnummer', { ...navRequest, subject: '12345678901' }, context(), 'subject-required'],
  ['an organisation without rules', { ...navRequest, consumerOrgnr: '991825827' }, context(), 'no-rule'],
  ['a purpose the rules do not name', { ...navRequest, purpose: 'sykepenger' }, context(), 'purpose-mismatch'],
  [
    'a rule not yet in force',
    navRequest,
    context({ rules: [rule('a', { validFrom: '2026-06-01T00:00:00Z' })] }),
    'no-rule',
  ],
  [
    'a rule no longer in force',
    navRequest,
    context({ rules: [rule('a', { validTo: '2026-03-01T12:00:00Z' })] }),
    'no-rule',
  ],
  [
    'a rule on a non-disclosure basis',
    navRequest,
    context({ rules: [rule('a', { basis: { legalBasisId: 'lb_secret' } })] }),
    'no-rule',
  ],
  [
    'a consent purpose without a consent token',
    { ...dnbRequest, consentDetail: undefined },
    context(),
    'consent-required',
  ],
  [
    'a consent for other datasets only',
    { ...dnbRequest, consentDetail: { id: 'cr_1', datasets: [{ datasetId: 'ds_9', ruleId: 'x' }] } },
    context(),
    'dataset-mismatch',
  ],
  ['a consent that does not exist', dnbRequest, context(), 'consumer-mismatch'],
  [
    "another organisation's consent",
    dnbRequest,
    context({ consent: consent({ consumerOrgnr: nav }) }),
    'consumer-mismatch',
  ],
  ['a revoked consent', dnbRequest, context({ consent: consent({ status: 'revoked' }) }), 'consent-revoked'],
  ['an expired consent', dnbRequest, context({ consent: consent({ status: 'expired' }) }), 'consent-expired'],
  ['a consent past validTo', dnbRequest, context({ consent: consent({ validTo: now }) }), 'consent-expired'],
  ['a used one-time consent', dnbRequest, context({ consent: consent({ status: 'used' }) }), 'consent-used'],
  ['a pending consent', dnbRequest, context({ consent: consent({ status: 'pending' }) }), 'consent-not-accepted'],
  ['a rejected consent', dnbRequest, context({ consent: consent({ status: 'rejected' }) }), 'consent-not-accepted'],
  [
    'a consent about someone else',
    { ...dnbRequest, subject: other },
    context({ consent: consent() }),
    'subject-mismatch',
  ],
  [
    'a consent for another purpose',
    { ...dnbRequest, purpose: 'dagpenger' },
    context({ consent: consent() }),
    'purpose-mismatch',
  ],
  [
    'a consent whose items lack the dataset',
    dnbRequest,
    context({ consent: consent({ items: [] }) }),
    'dataset-mismatch',
  ],
  ['a consent whose rule was deleted', dnbRequest, context({ rules: [rule('ar_law')], consent: consent() }), 'no-rule'],
  [
    'a consent whose rule expired',
    dnbRequest,
    context({ rules: [{ ...consentRule, validTo: '2026-02-01T00:00:00Z' }], consent: consent() }),
    'no-rule',
  ],
  [
    'a consent whose rule no longer gives its fields',
    dnbRequest,
    context({ rules: [{ ...consentRule, fields: ['/navn'] }], consent: consent() }),
    'no-rule',
  ],
]

describe('decide: denied', () => {
  it.each(denials)('denies %s', (_name, request, decisionContext, reason) => {
    const decision = decide(request, decisionContext, now)
    expect(decision).toMatchObject({ allow: false, reason })
  })

  it("never names another organisation's rules or orgnr", () => {
    const foreign = context({
      rules: [rule('ar_other', { recipient: { orgnr: '991825827' }, purpose: { code: 'tilsyn', text: { nb: 't' } } })],
    })
    for (const request of [navRequest, { ...navRequest, purpose: 'tilsyn' }]) {
      const decision = decide(request, foreign, now)
      expect(decision).toMatchObject({ allow: false, reason: 'no-rule' })
      expect(JSON.stringify(decision)).not.toMatch(/991825827|ar_other|tilsyn"/)
    }
  })
})

describe('intersectFields', () => {
  it.each([
    [['/a', '/b'], ['/a'], ['/a']],
    [['/inntekt'], ['/inntekt/beloep'], ['/inntekt/beloep']],
    [['/inntekt/beloep'], ['/inntekt'], ['/inntekt/beloep']],
    [['/a/b'], ['/a/c'], []],
  ])('%j ∩ %j = %j', (a, b, expected) => {
    expect(intersectFields(a, b)).toEqual(expected)
  })
})

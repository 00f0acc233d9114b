import type { AccessRule, NewAccessRule, NewDataset } from '../catalog/dataset.schemas.ts'
import {
  skatteetatenInntektOpenApi,
  skatteetatenInntektRecordSchema,
} from '../catalog/fixtures/skatteetaten-inntekt.openapi.ts'

const eu = (code: string) => `http://publications.europa.eu/resource/authority/data-theme/${code}`
const los = (path: string) => `https://psi.norge.no/los/tema/${path}`

/** A demo dataset: who publishes it, its description, and its rules (legal bases named by their index). */
export interface DemoDataset {
  /** Stable, so a later seed finds it again (stored as the dataset's source URI). */
  key: string
  publisher: string
  dataset: NewDataset
  rules: (Omit<NewAccessRule, 'basis'> & { basis: { legalBasis: number } | { consent: true } })[]
  /** Keys of the life events it serves (src/catalog/life-events.ts), each backed by a rule or an open use. */
  lifeEvents: string[]
}

const skatteetaten = '974761076'
const nav = '889640782'

const inntekt: DemoDataset = {
  key: 'urn:deling:demo:skatteetaten:inntekt',
  publisher: skatteetaten,
  dataset: {
    title: { nb: 'Inntektsopplysninger fra a-ordningen', en: 'Income information from the a-ordning' },
    description: {
      nb: 'Inntekt, ytelser og arbeidsforhold som arbeidsgivere rapporterer månedlig i a-meldingen. Utleveres bare til mottakere med hjemmel eller med samtykke fra den opplysningene gjelder.',
      en: 'Income, benefits and employment that employers report monthly in the a-melding. Disclosed only to recipients with a legal basis or with the consent of the person concerned.',
    },
    accessRights: 'RESTRICTED',
    themes: [eu('ECON'), eu('GOVE'), los('skatt-og-avgift')],
    keywords: { nb: ['inntekt', 'a-melding', 'a-ordningen', 'arbeidsforhold'], en: ['income', 'employment'] },
    contactPoint: {
      name: 'Skatteetaten',
      email: 'datadeling@skatteetaten.example',
      url: 'https://www.skatteetaten.no',
    },
    containsPersonalData: true,
    recordSchema: skatteetatenInntektRecordSchema,
    legalBases: [
      {
        type: 'disclosure',
        title: { nb: 'a-opplysningsloven § 7', en: 'A-ordning Act section 7' },
        uri: 'https://lovdata.no/lov/2012-06-22-43/§7',
      },
      {
        type: 'non-disclosure',
        title: {
          nb: 'skatteforvaltningsloven § 3-1 (taushetsplikt)',
          en: 'Tax Administration Act section 3-1 (secrecy)',
        },
        uri: 'https://lovdata.no/lov/2016-05-27-14/§3-1',
      },
    ],
    dataServices: [
      {
        title: { nb: 'Inntekts-API (a-ordningen)', en: 'Income API (a-ordning)' },
        endpointUrl: 'https://inntekt.skatteetaten.example/v1',
        openapi: skatteetatenInntektOpenApi,
      },
    ],
  },
  lifeEvents: ['falling-ill', 'losing-a-job', 'buying-a-home'],
  rules: [
    {
      recipient: { orgnr: nav },
      purpose: {
        code: 'dagpenger',
        text: { nb: 'Behandle søknad om dagpenger', en: 'Process an application for unemployment benefit' },
      },
      basis: { legalBasis: 0 },
      fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode', '/inntekt/arbeidsgiver/orgnr'],
      oneTime: false,
    },
    {
      recipient: { orgnr: nav },
      purpose: { code: 'sykepenger', text: { nb: 'Beregne sykepenger', en: 'Calculate sickness benefit' } },
      basis: { legalBasis: 0 },
      fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode', '/inntekt/inntektstype'],
      oneTime: false,
    },
    {
      recipient: 'any',
      purpose: {
        code: 'laanesoknad',
        text: { nb: 'Vurdere en søknad om lån', en: 'Assess a loan application' },
      },
      basis: { consent: true },
      fields: ['/personidentifikator', '/navn', '/inntekt/beloep', '/inntekt/periode'],
      oneTime: true,
    },
  ],
}

const skattestatistikk: DemoDataset = {
  key: 'urn:deling:demo:skatteetaten:skattestatistikk',
  publisher: skatteetaten,
  dataset: {
    title: {
      nb: 'Skattestatistikk for kommuner',
      nn: 'Skattestatistikk for kommunar',
      en: 'Tax statistics by municipality',
    },
    description: {
      nb: 'Samlet inntekt, formue og skatt per kommune og år, fra skatteoppgjøret.',
      en: 'Total income, wealth and tax per municipality and year, from the tax settlement.',
    },
    accessRights: 'PUBLIC',
    themes: [eu('ECON'), eu('REGI'), los('skatt-og-avgift')],
    keywords: { nb: ['skatt', 'statistikk', 'kommune'], en: ['tax', 'statistics'] },
    contactPoint: { name: 'Skatteetaten', url: 'https://www.skatteetaten.no' },
    containsPersonalData: false,
    legalBases: [],
    dataServices: [],
  },
  lifeEvents: ['moving'],
  rules: [],
}

const arbeidssokere: DemoDataset = {
  key: 'urn:deling:demo:nav:arbeidssokerperioder',
  publisher: nav,
  dataset: {
    title: { nb: 'Arbeidssøkerperioder', en: 'Job seeker periods' },
    description: {
      nb: 'Perioder en person har vært registrert som arbeidssøker hos NAV.',
      en: 'Periods in which a person has been registered as a job seeker with NAV.',
    },
    accessRights: 'RESTRICTED',
    themes: [eu('SOCI'), los('arbeid')],
    keywords: { nb: ['arbeidssøker', 'arbeidsledighet'], en: ['job seeker', 'unemployment'] },
    contactPoint: { name: 'NAV', url: 'https://www.nav.no' },
    containsPersonalData: true,
    recordSchema: {
      type: 'object',
      properties: {
        personidentifikator: { type: 'string', title: 'Fødselsnummer', 'x-title-en': 'National identity number' },
        perioder: {
          type: 'array',
          title: 'Perioder som arbeidssøker',
          'x-title-en': 'Periods as a job seeker',
          items: {
            type: 'object',
            properties: {
              fraOgMed: { type: 'string', format: 'date', title: 'Fra og med', 'x-title-en': 'From' },
              tilOgMed: { type: 'string', format: 'date', title: 'Til og med', 'x-title-en': 'To' },
            },
          },
        },
      },
    },
    legalBases: [
      {
        type: 'processing',
        title: { nb: 'arbeidsmarkedsloven', en: 'Labour Market Act' },
        uri: 'https://lovdata.no/lov/2004-12-10-76',
      },
      {
        type: 'non-disclosure',
        title: { nb: 'NAV-loven § 7 (taushetsplikt)', en: 'NAV Act section 7 (secrecy)' },
        uri: 'https://lovdata.no/lov/2006-06-16-20/§7',
      },
    ],
    dataServices: [
      { title: { nb: 'Arbeidssøker-API', en: 'Job seeker API' }, endpointUrl: 'https://arbeidssoker.nav.example/v1' },
    ],
  },
  lifeEvents: ['losing-a-job', 'buying-a-home'],
  rules: [
    {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån', en: 'Assess a loan application' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/perioder'],
      oneTime: true,
    },
  ],
}

const stillinger: DemoDataset = {
  key: 'urn:deling:demo:nav:stillinger',
  publisher: nav,
  dataset: {
    title: { nb: 'Ledige stillinger', en: 'Job vacancies' },
    description: {
      nb: 'Stillingsannonser publisert på arbeidsplassen.nav.no, oppdatert løpende.',
      en: 'Job advertisements published on arbeidsplassen.nav.no, updated continuously.',
    },
    accessRights: 'PUBLIC',
    themes: [eu('ECON'), eu('SOCI'), los('arbeid')],
    keywords: { nb: ['stilling', 'jobb', 'arbeid'], en: ['jobs', 'vacancies'] },
    contactPoint: { name: 'NAV', url: 'https://arbeidsplassen.nav.no' },
    containsPersonalData: false,
    legalBases: [],
    dataServices: [],
  },
  lifeEvents: ['losing-a-job', 'moving-to-norway'],
  rules: [],
}

/** The demo catalog: what a visitor browses, and what the gateway and consent demos use. */
export const demoDatasets: readonly DemoDataset[] = [inntekt, skattestatistikk, arbeidssokere, stillinger]

/** A demo rule with its legal basis resolved to the id the dataset got. */
export function demoRule(rule: DemoDataset['rules'][number], legalBasisIds: string[]): NewAccessRule {
  const basis: AccessRule['basis'] =
    'legalBasis' in rule.basis ? { legalBasisId: legalBasisIds[rule.basis.legalBasis]! } : { consent: true }
  return { ...rule, basis }
}

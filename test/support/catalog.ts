import type { NewAccessRule, NewDataset } from '../../src/catalog/dataset.schemas.ts'
import type { TestApp } from './app.ts'
import { accessToken, demoOrganisations, registerClient } from './tokens.ts'

/** A RESTRICTED dataset with personal data, two legal bases and a record schema, as Skatteetaten would publish it. */
export function incomeDataset(): NewDataset {
  return {
    title: { nb: 'Inntektsopplysninger fra a-ordningen', en: 'Income information from the a-ordning' },
    description: {
      nb: 'Inntekt og arbeidsforhold som arbeidsgivere rapporterer i a-meldingen.',
      en: 'Income and employment that employers report in the a-melding.',
    },
    accessRights: 'RESTRICTED',
    themes: ['http://publications.europa.eu/resource/authority/data-theme/ECON'],
    keywords: { nb: ['inntekt', 'a-melding'], en: ['income'] },
    contactPoint: { name: 'Skatteetaten', email: 'datadeling@skatteetaten.no' },
    containsPersonalData: true,
    recordSchema: {
      type: 'object',
      properties: {
        personidentifikator: { type: 'string', title: 'Fødselsnummer' },
        navn: { type: 'string', title: 'Navn' },
        inntekt: {
          type: 'array',
          title: 'Inntekter',
          items: {
            type: 'object',
            properties: {
              beloep: { type: 'number', title: 'Beløp' },
              periode: { type: 'string', title: 'Periode' },
              arbeidsgiver: { type: 'string', title: 'Arbeidsgiver' },
            },
          },
        },
      },
    },
    legalBases: [
      {
        type: 'disclosure',
        title: { nb: 'a-opplysningsloven § 7' },
        uri: 'https://lovdata.no/lov/2012-06-22-43/§7',
      },
      {
        type: 'processing',
        title: { nb: 'skatteforvaltningsloven § 3-1' },
        uri: 'https://lovdata.no/lov/2016-05-27-14/§3-1',
      },
    ],
    dataServices: [{ title: { nb: 'Inntekts-API' }, endpointUrl: 'https://api.skatteetaten.example/inntekt/v1' }],
  }
}

/** A PUBLIC dataset with only what is required. */
export function openDataset(title = 'Skattelister'): NewDataset {
  return {
    title: { nb: title },
    description: { nb: `${title}: opne data.` },
    accessRights: 'PUBLIC',
    themes: [],
    keywords: {},
    containsPersonalData: false,
    legalBases: [],
    dataServices: [],
  }
}

export function dagpengerRule(legalBasisId: string): NewAccessRule {
  return {
    recipient: { orgnr: demoOrganisations.nav.orgnr },
    purpose: { code: 'dagpenger', text: { nb: 'Behandle søknad om dagpenger' } },
    basis: { legalBasisId },
    fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
    oneTime: false,
  }
}

export interface CatalogActors {
  /** Tokens with `deling:catalog.write`, fetched anew on each call (they live 120 s). */
  skatteetaten(): Promise<string>
  nav(): Promise<string>
  /** An organisation token without the catalog scope. */
  navGateway(): Promise<string>
}

/** Registers Skatteetaten and NAV with catalog-writing clients. */
export async function catalogActors(app: TestApp): Promise<CatalogActors> {
  const skatteetaten = await registerClient(app, demoOrganisations.skatteetaten.orgnr, ['deling:catalog.write'])
  const nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:catalog.write', 'deling:gateway'])
  return {
    skatteetaten: () => accessToken(app, skatteetaten, 'deling:catalog.write'),
    nav: () => accessToken(app, nav, 'deling:catalog.write'),
    navGateway: () => accessToken(app, nav, 'deling:gateway'),
  }
}

import { incomeDataset } from '../support/catalog.ts'

/** The fields a publisher fills in to publish test/support/catalog.ts's income dataset in the portal's form. */
export function incomeDatasetForm(): Record<string, string | string[]> {
  const dataset = incomeDataset()
  return {
    'title.nb': dataset.title.nb!,
    'title.en': dataset.title.en!,
    'description.nb': dataset.description.nb!,
    'description.en': dataset.description.en!,
    'keywords.nb': 'inntekt\na-melding',
    'keywords.en': 'income',
    themes: dataset.themes,
    lifeEvents: ['losing-a-job', 'falling-ill'],
    accessRights: 'RESTRICTED',
    containsPersonalData: 'yes',
    'contactPoint.name': 'Skatteetaten',
    'contactPoint.email': 'datadeling@skatteetaten.no',
    'legalBases.0.type': 'disclosure',
    'legalBases.0.title.nb': 'a-opplysningsloven § 7',
    'legalBases.0.uri': 'https://lovdata.no/lov/2012-06-22-43/§7',
    'legalBases.1.type': 'processing',
    'legalBases.1.title.nb': 'skatteforvaltningsloven § 3-1',
    'legalBases.1.uri': 'https://lovdata.no/lov/2016-05-27-14/§3-1',
    // A blank row, as the form always has one: it is left out.
    'legalBases.2.type': '',
    'legalBases.2.title.nb': '',
    'legalBases.2.uri': '',
    'dataServices.0.title.nb': 'Inntekts-API',
    'dataServices.0.endpointUrl': 'https://api.skatteetaten.example/inntekt/v1',
    recordSchema: JSON.stringify(dataset.recordSchema, null, 2),
  }
}

/** A rule form for NAV's dagpenger under the dataset's first legal basis. */
export function dagpengerRuleForm(legalBasisId: string): Record<string, string | string[]> {
  return {
    recipient: '889640782',
    'purpose.code': 'dagpenger',
    'purpose.text.nb': 'Behandle søknad om dagpenger',
    'purpose.text.en': 'Process an application for unemployment benefit',
    basis: legalBasisId,
    fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
    validFrom: '2026-01-01',
    validTo: '',
  }
}

/** The value of a hidden or text input in a page. */
export const inputValue = (html: string, name: string) =>
  new RegExp(`name="${name.replaceAll('.', '\\.')}" value="([^"]*)"`).exec(html)?.[1]

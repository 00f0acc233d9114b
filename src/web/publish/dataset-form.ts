import type { Dataset, LanguageTextValue } from '../../catalog/dataset.schemas.ts'
import { findLifeEvent, lifeEventOf, lifeEventUri } from '../../catalog/life-events.ts'
import { addError, type FormValues, many, one, optional, type PublishErrors } from './form-values.ts'

/**
 * The dataset form and the API's NewDataset: a dataset as form values (to edit it), and the form's values as the
 * JSON body the API would get (to validate and store it with the API's own schema and service).
 */

export const languageCodes = ['nb', 'nn', 'en'] as const

/** The repeatable rows of the form, and the fields of each (the `id` of a kept row is a hidden field). */
export const rowFields = {
  legalBases: ['type', 'title.nb', 'title.nn', 'title.en', 'uri'],
  dataServices: ['title.nb', 'title.nn', 'title.en', 'endpointUrl', 'openapi'],
} as const
export type RowKind = keyof typeof rowFields
export type RowCounts = Record<RowKind, number>

/** Empty rows shown under the filled ones, so a publisher can add legal bases and APIs without script. */
export const blankRows: RowCounts = { legalBases: 2, dataServices: 1 }

const json = (value: unknown) => JSON.stringify(value, null, 2)

function putText(values: FormValues, name: string, text: LanguageTextValue | undefined) {
  for (const code of languageCodes) values[`${name}.${code}`] = text?.[code] ?? ''
}

/** A stored dataset as the form shows it, with the version it was loaded at. */
export function datasetFormValues(dataset: Dataset): FormValues {
  const values: FormValues = {
    accessRights: dataset.accessRights,
    containsPersonalData: dataset.containsPersonalData ? 'yes' : 'no',
    themes: dataset.themes,
    lifeEvents: (dataset.lifeEvents ?? []).flatMap((uri) => lifeEventOf(uri)?.key ?? []),
    recordSchema: dataset.recordSchema ? json(dataset.recordSchema) : '',
    version: String(dataset.version),
  }
  putText(values, 'title', dataset.title)
  putText(values, 'description', dataset.description)
  for (const code of languageCodes) values[`keywords.${code}`] = (dataset.keywords[code] ?? []).join('\n')
  for (const part of ['name', 'email', 'url', 'phone'] as const)
    values[`contactPoint.${part}`] = dataset.contactPoint?.[part] ?? ''
  dataset.legalBases.forEach((basis, i) => {
    Object.assign(values, { [`legalBases.${i}.id`]: basis.id, [`legalBases.${i}.type`]: basis.type })
    putText(values, `legalBases.${i}.title`, basis.title)
    values[`legalBases.${i}.uri`] = basis.uri
  })
  dataset.dataServices.forEach((service, i) => {
    values[`dataServices.${i}.id`] = service.id
    putText(values, `dataServices.${i}.title`, service.title)
    values[`dataServices.${i}.endpointUrl`] = service.endpointUrl
    values[`dataServices.${i}.openapi`] = service.openapi ? json(service.openapi) : ''
  })
  return values
}

/** How many rows of a kind the submitted form had (its highest row number plus one). */
export function submittedRows(values: FormValues, kind: RowKind): number {
  let rows = 0
  const pattern = new RegExp(`^${kind}\\.(\\d{1,2})\\.`)
  for (const name of Object.keys(values)) {
    const index = Number(pattern.exec(name)?.[1] ?? -1)
    if (index >= rows) rows = index + 1
  }
  return Math.min(rows, 40)
}

const rowIsBlank = (values: FormValues, kind: RowKind, i: number) =>
  rowFields[kind].every((field) => !one(values, `${kind}.${i}.${field}`).trim())

/**
 * The form with its blank rows left out and the filled ones numbered from 0, as the API body will have them: an
 * error the API reports for `/legalBases/1` is then the second filled row, which the form shows second.
 */
export function withoutBlankRows(values: FormValues): { values: FormValues; filled: RowCounts; submitted: RowCounts } {
  const compact: FormValues = Object.fromEntries(
    Object.entries(values).filter(([name]) => !/^(legalBases|dataServices)\./.test(name)),
  )
  const filled = { legalBases: 0, dataServices: 0 }
  const submitted = { legalBases: 0, dataServices: 0 }
  for (const kind of Object.keys(rowFields) as RowKind[]) {
    submitted[kind] = submittedRows(values, kind)
    for (let i = 0; i < submitted[kind]; i++) {
      if (rowIsBlank(values, kind, i)) continue
      const row = filled[kind]++
      for (const field of ['id', ...rowFields[kind]])
        compact[`${kind}.${row}.${field}`] = one(values, `${kind}.${i}.${field}`)
    }
  }
  return { values: compact, filled, submitted }
}

function languageText(values: FormValues, name: string): LanguageTextValue {
  return Object.fromEntries(
    languageCodes.flatMap((code) =>
      optional(values, `${name}.${code}`) ? [[code, optional(values, `${name}.${code}`)]] : [],
    ),
  )
}

function parseJson(values: FormValues, name: string, errors: PublishErrors): unknown {
  const text = one(values, name).trim()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    // The API refuses a body that is not JSON as a whole; here one field is, so the error names that field.
    addError(errors, name, `not valid JSON: ${(error as Error).message}`)
    return undefined
  }
}

const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

/**
 * The API body for the form's values (blank rows already left out), and the errors of fields that are not even
 * JSON. Everything else is left to the API's schema, so the form says exactly what the API would.
 */
export function datasetBody(values: FormValues, filled: RowCounts, publicUrl: string) {
  const errors: PublishErrors = {}
  const keywords = Object.fromEntries(
    languageCodes.flatMap((code) => {
      const words = one(values, `keywords.${code}`)
        .split(/\r?\n/)
        .map((word) => word.trim())
        .filter(Boolean)
      return words.length ? [[code, words]] : []
    }),
  )
  const contactPoint = withoutUndefined(
    Object.fromEntries(
      ['name', 'email', 'url', 'phone'].map((part) => [part, optional(values, `contactPoint.${part}`)]),
    ),
  )
  const personalData = one(values, 'containsPersonalData')
  const body = withoutUndefined({
    title: languageText(values, 'title'),
    description: languageText(values, 'description'),
    accessRights: optional(values, 'accessRights'),
    themes: many(values, 'themes'),
    lifeEvents: many(values, 'lifeEvents').map((key) => {
      const event = findLifeEvent(key)
      return event ? lifeEventUri(event, publicUrl) : key
    }),
    keywords,
    contactPoint: Object.keys(contactPoint).length ? contactPoint : undefined,
    containsPersonalData: personalData === 'yes' ? true : personalData === 'no' ? false : undefined,
    recordSchema: parseJson(values, 'recordSchema', errors),
    legalBases: Array.from({ length: filled.legalBases }, (_, i) =>
      withoutUndefined({
        id: optional(values, `legalBases.${i}.id`),
        type: optional(values, `legalBases.${i}.type`),
        title: languageText(values, `legalBases.${i}.title`),
        uri: optional(values, `legalBases.${i}.uri`),
      }),
    ),
    dataServices: Array.from({ length: filled.dataServices }, (_, i) =>
      withoutUndefined({
        id: optional(values, `dataServices.${i}.id`),
        title: languageText(values, `dataServices.${i}.title`),
        endpointUrl: optional(values, `dataServices.${i}.endpointUrl`),
        openapi: parseJson(values, `dataServices.${i}.openapi`, errors),
      }),
    ),
  })
  return { body, errors }
}

/** Every visible field of the form in page order: where an error the API reports by pointer is shown. */
export function datasetFieldNames(rows: RowCounts): string[] {
  const texts = (name: string) => languageCodes.map((code) => `${name}.${code}`)
  const rowNames = (kind: RowKind) =>
    Array.from({ length: rows[kind] }, (_, i) => rowFields[kind].map((field) => `${kind}.${i}.${field}`)).flat()
  return [
    ...texts('title'),
    ...texts('description'),
    ...texts('keywords'),
    'themes',
    'lifeEvents',
    'accessRights',
    'containsPersonalData',
    ...['name', 'email', 'url', 'phone'].map((part) => `contactPoint.${part}`),
    ...rowNames('legalBases'),
    ...rowNames('dataServices'),
    'recordSchema',
  ]
}

/** Errors the API reports on an object rather than a field: shown at the field the publisher would fill in. */
export const datasetErrorPlaces: Record<string, string> = { '/contactPoint': 'contactPoint.email' }

import { z } from '@hono/zod-openapi'
import { isLifeEventUri, lifeEvents, nationalLifeEventScheme } from './life-events.ts'
import { Orgnr } from './organisation.schemas.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

/**
 * An absolute http(s) IRI that can be written into Turtle and JSON-LD as it is: no spaces, angle brackets, quotes
 * or the other characters RFC 3987 excludes, which would otherwise end the IRI early and inject statements.
 */
export const Iri = (max = 500) =>
  z
    .url({ protocol: /^https?$/ })
    .max(max)
    .refine((iri) => !/[\s<>"{}|\\^`\p{Cc}]/u.test(iri), 'an IRI without spaces, <, >, ", {, }, |, \\, ^ or `')

/** A text by language, as stored and returned. */
export type LanguageTextValue = { nb?: string; nn?: string; en?: string }

/** Text in Norwegian bokmål, nynorsk and English: at least one Norwegian form, as DCAT-AP-NO asks. */
export const LanguageText = (max: number) =>
  z
    .object({ nb: text(max).optional(), nn: text(max).optional(), en: text(max).optional() })
    .strict()
    .refine((value) => value.nb !== undefined || value.nn !== undefined, 'give the text in bokmål (nb) or nynorsk (nn)')

export const Title = LanguageText(300).openapi('LanguageTitle', {
  example: { nb: 'Inntektsopplysninger fra a-ordningen', en: 'Income information from the a-ordning' },
})
export const Description = LanguageText(10_000).openapi('LanguageDescription', {
  example: {
    nb: 'Inntekt og arbeidsforhold rapportert i a-meldingen.',
    en: 'Income and employment reported in the a-melding.',
  },
})

export const accessRightsValues = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const
export const AccessRights = z.enum(accessRightsValues).openapi({
  description:
    'EU access right: PUBLIC (open data), RESTRICTED (shared under rules), NON_PUBLIC (visible only to the publisher)',
  example: 'RESTRICTED',
})

export const themePrefixes = [
  'http://publications.europa.eu/resource/authority/data-theme/',
  'https://psi.norge.no/los/',
]
export const ThemeUri = Iri(300)
  .refine((uri) => themePrefixes.some((prefix) => uri.startsWith(prefix)), 'a theme is an EU data-theme or a LOS URI')
  .openapi({ example: 'http://publications.europa.eu/resource/authority/data-theme/ECON' })

const ownLifeEventKeys = lifeEvents.filter((event) => !event.national).map((event) => event.key)

/** A life event by its URI (ADR 0012): Digdir's life-event-type concept, or Deling's own under /life-events/. */
export const LifeEventUri = z
  .string()
  .max(300)
  .refine(isLifeEventUri, 'a life event Deling knows: see the description of lifeEvents')
  .openapi({ example: `${nationalLifeEventScheme}#having-a-child` })

const LifeEvents = z
  .array(LifeEventUri)
  .max(20)
  .openapi({
    description: `The life events ("livshendelser") the dataset serves. Digdir's life-event-type concept where one exists (${lifeEvents
      .flatMap((event) => (event.national ? [event.national] : []))
      .join(
        ', ',
      )}); otherwise Deling's own concept at \`<PUBLIC_URL>/life-events/<key>\` (${ownLifeEventKeys.join(', ')}). Each is stored once, an own concept under this installation's URL.`,
    example: [`${nationalLifeEventScheme}#having-a-child`, 'https://deling.example.no/life-events/losing-a-job'],
  })

const Keywords = z
  .object({
    nb: z.array(text(100)).max(30).optional(),
    nn: z.array(text(100)).max(30).optional(),
    en: z.array(text(100)).max(30).optional(),
  })
  .strict()
  .openapi('Keywords', { example: { nb: ['inntekt', 'a-melding'], en: ['income'] } })

export const ContactPoint = z
  .object({
    name: text(200).optional(),
    email: z.email().max(254).optional(),
    url: Iri().optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ]{5,20}$/, 'a phone number such as +47 22 07 70 00')
      .optional(),
  })
  .strict()
  .refine((value) => value.email || value.url || value.phone, 'give an email, a URL or a phone number')
  .openapi('ContactPoint', { example: { name: 'Skatteetaten', email: 'datadeling@skatteetaten.no' } })

export const legalBasisTypes = ['disclosure', 'processing', 'non-disclosure'] as const
export const LegalBasisInput = z
  .object({
    id: z
      .string()
      .regex(/^lb_[0-9a-z]{20}$/)
      .optional()
      .openapi({ description: 'Keep the id to keep the legal basis (rules refer to it); leave it out for a new one' }),
    type: z.enum(legalBasisTypes).openapi({
      description:
        'disclosure (utleveringshjemmel), processing (behandlingsgrunnlag) or non-disclosure (skjermingshjemmel)',
    }),
    title: Title,
    uri: Iri().openapi({
      description: 'The law: ELI or Lovdata URI',
      example: 'https://lovdata.no/lov/2012-06-22-43/§7',
    }),
  })
  .strict()
  .openapi('LegalBasisInput')

export const DataServiceInput = z
  .object({
    id: z
      .string()
      .regex(/^dsv_[0-9a-z]{20}$/)
      .optional(),
    title: Title,
    endpointUrl: Iri().openapi({ example: 'https://api.skatteetaten.no/inntekt/v1' }),
    openapi: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "The producer API's OpenAPI 3 document" }),
  })
  .strict()
  .openapi('DataServiceInput')

/** JSON Schema of one record the producer returns; access rules name its fields by JSON pointer. */
export const RecordSchema = z
  .looseObject({ type: z.literal('object'), properties: z.record(z.string(), z.unknown()) })
  .openapi('RecordSchema', {
    example: {
      type: 'object',
      properties: {
        personidentifikator: { type: 'string', title: 'Fødselsnummer' },
        inntekt: {
          type: 'array',
          title: 'Inntekter',
          items: { type: 'object', properties: { beloep: { type: 'number', title: 'Beløp' } } },
        },
      },
    },
  })

export const NewDatasetSchema = z
  .object({
    title: Title,
    description: Description,
    accessRights: AccessRights,
    themes: z.array(ThemeUri).max(20).default([]),
    lifeEvents: LifeEvents.default([]),
    keywords: Keywords.default({}),
    contactPoint: ContactPoint.optional(),
    containsPersonalData: z.boolean(),
    recordSchema: RecordSchema.optional(),
    legalBases: z.array(LegalBasisInput).max(20).default([]),
    dataServices: z.array(DataServiceInput).max(10).default([]),
  })
  .strict()
  .openapi('NewDataset')

/** Life events came after the first descriptions were written, so a description in TypeScript may leave them out. */
type LifeEventsOptional<Described extends { lifeEvents: string[] }> = Omit<Described, 'lifeEvents'> & {
  lifeEvents?: string[]
}

export type NewDataset = LifeEventsOptional<z.infer<typeof NewDatasetSchema>>

export const LegalBasisSchema = LegalBasisInput.required({ id: true }).openapi('LegalBasis')
export const DataServiceSchema = DataServiceInput.required({ id: true }).openapi('DataService')

export const DatasetSchema = NewDatasetSchema.extend({
  id: z.string().openapi({ example: 'ds_4k9x0qz2m9d4x8c1v5b6' }),
  publisher: z.object({ orgnr: Orgnr, name: z.string(), uri: z.url() }).openapi('Publisher'),
  legalBases: z.array(LegalBasisSchema),
  dataServices: z.array(DataServiceSchema),
  version: z.number().int().openapi({ description: 'Increases with every change of the dataset', example: 1 }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).openapi('Dataset')

export type Dataset = z.infer<typeof DatasetSchema>

export const JsonPointer = z
  .string()
  .max(300)
  .regex(/^(\/([^~/]|~[01])*)+$/, 'a JSON pointer such as /inntekt/beloep')
  .openapi({ example: '/personidentifikator' })

export const NewAccessRuleSchema = z
  .object({
    recipient: z.union([z.literal('any'), z.object({ orgnr: Orgnr }).strict()]).openapi({
      description: 'One organisation, or "any" organisation that has the data subject\'s consent',
      example: { orgnr: '889640782' },
    }),
    purpose: z
      .object({
        code: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" and "-"')
          .openapi({ example: 'dagpenger' }),
        text: LanguageText(500).openapi({
          example: { nb: 'Behandle søknad om dagpenger', en: 'Process an application for unemployment benefit' },
        }),
      })
      .strict(),
    basis: z
      .union([
        z.object({ legalBasisId: z.string().regex(/^lb_[0-9a-z]{20}$/) }).strict(),
        z.object({ consent: z.literal(true) }).strict(),
      ])
      .openapi({
        description: 'A legal basis of the dataset, or the consent of the data subject',
        example: { legalBasisId: 'lb_7w3k0qz2m9d4x8c1v5b6' },
      }),
    fields: z
      .array(JsonPointer)
      .min(1)
      .max(200)
      .openapi({ description: 'The fields this rule delivers: JSON pointers into the record schema' }),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validTo: z.iso.datetime({ offset: true }).optional(),
    oneTime: z.boolean().default(false),
  })
  .strict()
  .openapi('NewAccessRule')

export type NewAccessRule = z.infer<typeof NewAccessRuleSchema>

export const AccessRuleSchema = NewAccessRuleSchema.extend({
  id: z.string().openapi({ example: 'ar_0m3k8qz2m9d4x8c1v5b6' }),
  datasetId: z.string(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).openapi('AccessRule')

export type AccessRule = z.infer<typeof AccessRuleSchema>

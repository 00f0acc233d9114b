import { z } from '@hono/zod-openapi'
import { Title } from './dataset.schemas.ts'
import { Orgnr } from './organisation.schemas.ts'

export const HarvestProblemSchema = z
  .object({
    resource: z.string().openapi({
      description: 'The IRI of the resource the problem is about (or `(document)`)',
      example: 'https://data.skatteetaten.no/datasett/skattemelding',
    }),
    property: z.string().optional().openapi({ description: 'The RDF property, as a CURIE', example: 'dcat:theme' }),
    detail: z.string().openapi({
      example: 'https://example.org/tema/skatt is neither an EU data theme nor a LOS theme; left out',
    }),
  })
  .openapi('HarvestProblem')

export const harvestResults = ['created', 'updated', 'unchanged', 'skipped'] as const

export const HarvestedDatasetSchema = z
  .object({
    uri: z.string().openapi({
      description: "The dataset's IRI in the document; a later harvest recognises the dataset by it",
      example: 'https://data.skatteetaten.no/datasett/inntekt',
    }),
    id: z
      .string()
      .optional()
      .openapi({ description: "The dataset's id in Deling", example: 'ds_4k9x0qz2m9d4x8c1v5b6' }),
    title: Title.optional(),
    publisher: z.object({ orgnr: Orgnr }).optional(),
    result: z.enum(harvestResults).openapi({
      description:
        'created; updated (a new version); unchanged (no new version); skipped (not imported: see `problems`)',
      example: 'created',
    }),
    problems: z.array(HarvestProblemSchema),
  })
  .openapi('HarvestedDataset')

export const HarvestReportSchema = z
  .object({
    datasets: z.array(HarvestedDatasetSchema),
    problems: z
      .array(HarvestProblemSchema)
      .openapi({ description: 'Problems about the document as a whole, not one dataset' }),
    registeredOrganisations: z
      .array(z.object({ orgnr: Orgnr, name: z.string() }))
      .openapi({ description: "Publishers the operator's harvest registered because Deling did not know them" }),
    summary: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
    }),
  })
  .openapi('HarvestReport', {
    example: {
      datasets: [
        {
          uri: 'https://data.skatteetaten.no/datasett/inntekt',
          id: 'ds_4k9x0qz2m9d4x8c1v5b6',
          title: { nb: 'Inntektsopplysninger fra a-ordningen', en: 'Income information from the a-ordning' },
          publisher: { orgnr: '974761076' },
          result: 'created',
          problems: [],
        },
        {
          uri: 'https://data.skatteetaten.no/datasett/tax-statistics',
          publisher: { orgnr: '974761076' },
          result: 'skipped',
          problems: [
            {
              resource: 'https://data.skatteetaten.no/datasett/tax-statistics',
              property: 'dct:title',
              detail: 'The dataset has no title in bokmål or nynorsk (DCAT-AP-NO); not imported',
            },
          ],
        },
      ],
      problems: [],
      registeredOrganisations: [],
      summary: { created: 1, updated: 0, unchanged: 0, skipped: 1 },
    },
  })

export type HarvestReport = z.infer<typeof HarvestReportSchema>
export type HarvestedDatasetReport = z.infer<typeof HarvestedDatasetSchema>

export const HarvestSourceSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .openapi({
        description: 'A DCAT-AP-NO document under one of the sources the operator registered (DELING_HARVEST_SOURCES)',
        example: 'https://data.skatteetaten.no/katalog/catalog.ttl',
      }),
  })
  .strict()
  .openapi('HarvestSource')

import { z } from '@hono/zod-openapi'
import { AccessRights, AccessRuleSchema, DatasetSchema } from './dataset.schemas.ts'
import { lifeEventOf } from './life-events.ts'
import { Orgnr } from './organisation.schemas.ts'

export const DatasetId = z
  .string()
  .regex(/^ds_[0-9a-z]{20}$/, 'a dataset id such as ds_4k9x0qz2m9d4x8c1v5b6')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'ds_4k9x0qz2m9d4x8c1v5b6' })

export const RuleId = z
  .string()
  .regex(/^ar_[0-9a-z]{20}$/, 'an access rule id such as ar_0m3k8qz2m9d4x8c1v5b6')
  .openapi({ param: { name: 'ruleId', in: 'path' }, example: 'ar_0m3k8qz2m9d4x8c1v5b6' })

export const DatasetParams = z.object({ id: DatasetId })
export const RuleParams = z.object({ id: DatasetId, ruleId: RuleId })

/** Optimistic concurrency (RFC 9110 §13.1.1): `If-Match` with the ETag of the version the change is based on. */
export const IfMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().openapi({
    description: 'The ETag of the version this change is based on; a newer version answers 412',
    example: '"3"',
  }),
})

export const SearchQuery = z
  .object({
    q: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'Words in title, description, keywords', example: 'inntekt' }),
    theme: z.string().max(300).optional().openapi({
      description: 'An EU data-theme or LOS URI',
      example: 'http://publications.europa.eu/resource/authority/data-theme/ECON',
    }),
    lifeEvent: z
      .string()
      .max(300)
      .refine((value) => lifeEventOf(value) !== undefined, 'a life event by its key or URI (see the lifeEvent facet)')
      .optional()
      .openapi({
        description: "A life event by its key (the lifeEvent facet's value) or its URI",
        example: 'having-a-child',
      }),
    publisher: Orgnr.optional().openapi({ description: 'Orgnr of the publisher' }),
    accessRights: AccessRights.optional(),
    legalBasis: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'A legal basis by URI, or words of its title', example: 'a-opplysningsloven' }),
    recipient: Orgnr.optional().openapi({
      description: 'Only datasets this organisation may receive: a rule names it, or any organisation with consent',
    }),
    limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
    cursor: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'The `next` value of the previous page', example: 'eyJhZnRlciI6WyJhIiwiZHNfMSJdfQ' }),
  })
  .strict()

const FacetValue = z.object({
  value: z.string(),
  label: z.string().optional(),
  labels: z
    .object({ nb: z.string(), nn: z.string(), en: z.string() })
    .optional()
    .openapi({ description: 'The value in bokmål, nynorsk and English, where Deling has all three (life events)' }),
  count: z.number().int(),
})

export const DatasetPageSchema = z
  .object({
    items: z.array(DatasetSchema),
    facets: z
      .object({
        theme: z.array(FacetValue),
        publisher: z.array(FacetValue),
        accessRights: z.array(FacetValue),
        legalBasis: z.array(FacetValue),
        lifeEvent: z.array(FacetValue).openapi({
          description: 'Life events by key, with their labels: the key is what `lifeEvent=` takes',
          example: [
            {
              value: 'having-a-child',
              label: 'Å få barn',
              labels: { nb: 'Å få barn', nn: 'Å få barn', en: 'Having a child' },
              count: 3,
            },
          ],
        }),
      })
      .optional()
      .openapi({ description: 'Counts per facet value over the whole result (first page only)' }),
    total: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'How many datasets match, over all pages (first page only)' }),
    next: z.string().optional().openapi({ description: 'Cursor of the next page; absent on the last page' }),
  })
  .openapi('DatasetPage')

export const AccessRuleListSchema = z.object({ items: z.array(AccessRuleSchema) }).openapi('AccessRuleList')

export const CatalogChangeSchema = z
  .object({
    resource: z.enum(['dataset', 'access-rule']),
    resourceId: z.string(),
    version: z.number().int(),
    change: z.enum(['created', 'updated', 'deleted']),
    by: z.object({
      orgnr: Orgnr,
      clientId: z.string().optional(),
      pid: z.string().optional().openapi({
        description: "The person who made the change in the portal; shown to the publisher's own organisation only",
      }),
    }),
    via: z.enum(['api', 'portal', 'harvest', 'seed']),
    at: z.iso.datetime(),
    snapshot: z.record(z.string(), z.unknown()).openapi({ description: 'The resource as this change left it' }),
  })
  .openapi('CatalogChange')

export const CatalogChangeListSchema = z.object({ items: z.array(CatalogChangeSchema) }).openapi('CatalogChangeList')

/**
 * The versions named by `If-Match`, or undefined for none or `*`. RFC 9110 §13.1.1 compares strongly, so a weak tag
 * (`W/"3"`) matches nothing, and a list names several.
 */
export function ifMatchVersion(header: string | undefined): readonly number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  return header
    .split(',')
    .map((tag) => /^\s*"(\d{1,9})"\s*$/.exec(tag))
    .flatMap((match) => (match ? [Number(match[1])] : []))
}

export const etag = (version: number) => `"${version}"`

import { z } from '@hono/zod-openapi'

const text = z.object({ nb: z.string().optional(), nn: z.string().optional(), en: z.string().optional() })

const deliveryExample = {
  id: 'al_4k9x0qz2m9d4x8c1v5b6',
  at: '2026-11-23T12:00:05.123Z',
  receiver: { orgnr: '889640782', name: 'Arbeids- og velferdsetaten', system: 'NAV dagpenger' },
  dataset: {
    id: 'ds_4k9x0qz2m9d4x8c1v5b6',
    title: { nb: 'Inntektsopplysninger fra a-ordningen' },
    publisher: { orgnr: '974761076', name: 'Skatteetaten' },
  },
  purpose: { code: 'dagpenger', text: { nb: 'Behandle søknad om dagpenger' } },
  legalBasis: { uri: 'https://lovdata.no/lov/2012-06-22-43/§7', title: { nb: 'a-opplysningsloven § 7' } },
  consent: null,
  fields: [{ pointer: '/inntekt/beloep', title: 'Inntekter › Beløp', path: ['Inntekter', 'Beløp'] }],
}

export const DeliverySchema = z
  .object({
    id: z.string().openapi({ description: 'The access log entry' }),
    at: z.string().openapi({ description: 'When it was delivered (RFC 3339 UTC)' }),
    receiver: z.object({
      orgnr: z.string(),
      name: z.string(),
      system: z.string().openapi({ description: "The receiving organisation's client (system)" }),
    }),
    dataset: z.object({
      id: z.string(),
      title: text.nullable(),
      publisher: z.object({ orgnr: z.string(), name: z.string() }).nullable(),
    }),
    purpose: z.object({ code: z.string().nullable(), text: text.nullable() }),
    legalBasis: z
      .object({ uri: z.string(), title: text.nullable() })
      .nullable()
      .openapi({ description: 'The law that allowed it, when not a consent' }),
    consent: z
      .object({ id: z.string() })
      .nullable()
      .openapi({ description: "The citizen's consent it was delivered under, see /me/consents" }),
    fields: z.array(z.object({ pointer: z.string(), title: z.string(), path: z.array(z.string()) })),
  })
  .openapi('Delivery', { description: 'One delivery of the citizen’s data', example: deliveryExample })

export const CitizenAccessLogSchema = z
  .object({
    items: z.array(DeliverySchema),
    total: z.number().int().openapi({ description: 'All deliveries; `items` holds the newest 1000 at most' }),
  })
  .openapi('CitizenAccessLog', { example: { items: [deliveryExample], total: 1 } })

const usageExample = {
  logtime: '2026-11-23T12:00:05.123Z',
  action: 'Behandle søknad om dagpenger',
  receiverCode: '889640782',
  receiverName: 'Arbeids- og velferdsetaten',
  receiverSystem: 'NAV dagpenger',
  purposeCode: 'dagpenger',
  legalBasis: 'https://lovdata.no/lov/2012-06-22-43/§7',
  consentId: null,
  datasetId: 'ds_4k9x0qz2m9d4x8c1v5b6',
  datasetTitle: 'Inntektsopplysninger fra a-ordningen',
  fields: ['/inntekt/beloep'],
}

/** Estonia's Data Tracker `Usage` (findUsage v2), with Deling's own fields after the spec's. */
export const UsageSchema = z
  .object({
    logtime: z.string().openapi({ description: 'When the data was processed (delivered)' }),
    action: z.string().openapi({ description: 'Why, in words: the purpose' }),
    receiverCode: z.string().openapi({ description: 'Organisation number of the receiver' }),
    receiverName: z.string(),
    receiverSystem: z.string().openapi({ description: "The receiver's client (system)" }),
    purposeCode: z.string().nullable(),
    legalBasis: z.string().nullable().openapi({ description: 'URI of the legal basis, when not a consent' }),
    consentId: z.string().nullable(),
    datasetId: z.string(),
    datasetTitle: z.string(),
    fields: z.array(z.string()).openapi({ description: 'JSON pointers of the delivered fields' }),
  })
  .openapi('Usage', { example: usageExample })

export const FindUsageResponseSchema = z
  .object({
    totalUsages: z.number().int().openapi({ description: 'All usages in the period, regardless of offset and limit' }),
    usages: z.array(UsageSchema),
  })
  .openapi('FindUsageResponse', { example: { totalUsages: 1, usages: [usageExample] } })

export const usageQuery = z
  .object({
    periodStart: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Usages at or after', example: '2026-01-01T00:00:00Z' }),
    periodEnd: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Usages at or before', example: '2026-12-31T23:59:59Z' }),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({ example: 0 }),
    limit: z.coerce.number().int().min(1).max(1000).default(1000).openapi({ example: 1000 }),
  })
  .strict()

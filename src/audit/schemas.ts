import { z } from '@hono/zod-openapi'

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const sha = 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184'

const entryExample = {
  seq: 42,
  id: 'al_4k9x0qz2m9d4x8c1v5b6',
  at: '2026-11-23T12:00:05.123Z',
  requestId: 'req_7w3k0qz2m9d4x8c1v5b6',
  consumerOrgnr: '889640782',
  clientId: 'cl_nav_dagpenger',
  producerOrgnr: '974761076',
  datasetId: 'ds_4k9x0qz2m9d4x8c1v5b6',
  subjectFnr: '12858440015',
  purposeCode: 'dagpenger',
  ruleId: 'ar_0m3k8qz2m9d4x8c1v5b6',
  consentId: null,
  legalBasisUri: 'https://lovdata.no/lov/2012-06-22-43/§7',
  fieldsDelivered: ['/personidentifikator', '/inntekt/beloep'],
  outcome: 'delivered' as const,
  reason: null,
  upstreamStatus: 200,
  prevHash: sha,
  hash: sha,
}

/** One entry as it is chained: the fields its hash covers, its place in the chain and the hashes. */
export const AccessLogEntrySchema = z
  .object({
    seq: z.number().int().min(1).openapi({ description: 'Position in the chain, from 1 without gaps' }),
    id: z.string(),
    at: z.string().openapi({ description: 'RFC 3339 UTC, millisecond precision' }),
    requestId: z.string(),
    consumerOrgnr: z.string(),
    clientId: z.string(),
    producerOrgnr: z.string().nullable(),
    datasetId: z.string(),
    subjectFnr: z.string().nullable().openapi({ description: 'The person the data is about, if personal data' }),
    purposeCode: z.string().nullable(),
    ruleId: z.string().nullable(),
    consentId: z.string().nullable(),
    legalBasisUri: z.string().nullable(),
    fieldsDelivered: z.array(z.string()).openapi({ description: 'JSON pointers of the fields that were delivered' }),
    outcome: z.enum(['delivered', 'denied', 'upstream-failed']),
    reason: z.string().nullable().openapi({ description: 'Why it was denied or failed' }),
    upstreamStatus: z.number().int().nullable(),
    prevHash: hex64.openapi({ description: 'Hash of the entry before (64 zeros before the first)' }),
    hash: hex64.openapi({ description: 'SHA-256 of the canonical entry, see docs/audit.md' }),
  })
  .openapi('AccessLogEntry', { example: entryExample })

export const AccessLogPageSchema = z
  .object({
    items: z.array(AccessLogEntrySchema),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next (older) page; null at the end', example: '42' }),
  })
  .openapi('AccessLogPage', { example: { items: [entryExample], next: '42' } })

export const ChainVerdictSchema = z
  .union([
    z.object({ valid: z.literal(true), entries: z.number().int(), lastHash: hex64 }),
    z.object({
      valid: z.literal(false),
      entries: z.number().int().openapi({ description: 'Entries that verified before the broken one' }),
      firstBroken: z.object({ seq: z.number().int(), id: z.string().optional(), problem: z.string() }),
    }),
  ])
  .openapi('AccessLogVerification', {
    description: 'The whole chain verified from the genesis, or the first entry that breaks it',
    example: { valid: true, entries: 1204, lastHash: sha },
  })

export const logQuery = z
  .object({
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/)
      .optional()
      .openapi({ description: '`next` of the page before', example: '42' }),
    limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ example: 100 }),
    datasetId: z.string().max(64).optional().openapi({ example: 'ds_4k9x0qz2m9d4x8c1v5b6' }),
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Entries at or after', example: '2026-11-01T00:00:00Z' }),
    to: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Entries before', example: '2026-12-01T00:00:00Z' }),
    outcome: z.enum(['delivered', 'denied', 'upstream-failed']).optional().openapi({ example: 'delivered' }),
  })
  .strict()

export { entryExample }

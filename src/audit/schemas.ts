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

/** Days from 1970 on: a Norwegian calendar day (Europe/Oslo), as in `2026-11-23`. */
export const exportQuery = z
  .object({
    day: z.iso
      .date()
      .refine((day) => day >= '1970-01-01', 'days from 1970-01-01 on')
      .optional()
      .openapi({
        description:
          'A Norwegian calendar day (Europe/Oslo, midnight to midnight local time, 23 to 25 hours long around clock changes). Without it: the whole log.',
        example: '2026-11-23',
      }),
  })
  .strict()

const checkpointExample = {
  iss: 'https://deling.example.no/oidc',
  day: '2026-11-23',
  complete: true,
  firstSeq: 42,
  lastSeq: 42,
  prevHash: sha,
  lastHash: sha,
  count: 1,
  iat: 1795478400,
}

/** The payload of the checkpoint's JWS, documented here; the export carries it signed, never in the clear. */
export const AccessLogCheckpointSchema = z
  .object({
    iss: z.string().openapi({ description: "Deling's issuer; its keys are at `<iss>/jwks`" }),
    day: z
      .string()
      .optional()
      .openapi({ description: 'The day (Europe/Oslo) the export holds; absent for the whole log' }),
    complete: z
      .boolean()
      .optional()
      .openapi({ description: 'For a day: whether it was over when signed (today holds the entries so far)' }),
    firstSeq: z.number().int().openapi({ description: 'The first entry of the run (lastSeq + 1 when it is empty)' }),
    lastSeq: z.number().int().openapi({ description: 'The last entry of the run' }),
    prevHash: hex64.openapi({ description: 'Hash of the entry before the run; 64 zeros before the first entry' }),
    lastHash: hex64.openapi({ description: 'Hash of the last entry; equal to prevHash when the run is empty' }),
    count: z.number().int().openapi({ description: 'Number of entries in the run' }),
    iat: z.number().int().openapi({ description: 'When it was signed, seconds since 1970 (UTC)' }),
  })
  .openapi('AccessLogCheckpoint', { example: checkpointExample })

export { checkpointExample, entryExample }

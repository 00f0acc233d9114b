import { z } from '@hono/zod-openapi'
import { LanguageText } from '../catalog/dataset.schemas.ts'
import { Orgnr } from '../catalog/organisation.schemas.ts'
import { classifyIdentityNumber } from '../identifiers/fodselsnummer.ts'

export const IdentityNumber = z
  .string()
  .refine((fnr) => classifyIdentityNumber(fnr) !== undefined, 'a fødselsnummer or d-nummer with valid control digits')
  .openapi({ description: 'Fødselsnummer or d-nummer of the data subject', example: '12858440015' })

export const ConsentId = z
  .string()
  .regex(/^cr_[0-9a-z]{20}$/, 'a consent request id such as cr_8d2k0qz2m9d4x8c1v5b6')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'cr_8d2k0qz2m9d4x8c1v5b6' })

export const consentStatuses = ['pending', 'accepted', 'rejected', 'expired', 'revoked', 'used', 'withdrawn'] as const
export const ConsentStatusSchema = z.enum(consentStatuses).openapi({
  description:
    'pending → accepted | rejected | withdrawn | expired; accepted → revoked | used (one-time) | expired. The others are final.',
  example: 'pending',
})

const Purpose = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
      .openapi({ example: 'laanesoknad' }),
    text: LanguageText(500).openapi({ example: { nb: 'Vurdere en søknad om lån', en: 'Assess a loan application' } }),
  })
  .strict()

export const NewConsentRequestSchema = z
  .object({
    subject: IdentityNumber,
    datasets: z
      .array(
        z
          .object({
            datasetId: z.string().regex(/^ds_[0-9a-z]{20}$/),
            ruleId: z
              .string()
              .regex(/^ar_[0-9a-z]{20}$/)
              .optional()
              .openapi({ description: 'The consent rule to rely on; by default the one for this purpose' }),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .openapi({ example: [{ datasetId: 'ds_4k9x0qz2m9d4x8c1v5b6' }] }),
    purpose: Purpose.openapi({ description: "The purpose: the code of the datasets' consent rules" }),
    validTo: z.iso.datetime({ offset: true }).openapi({
      description: 'Until when the consent would hold (at most a year ahead)',
      example: '2026-12-31T23:59:59Z',
    }),
    oneTime: z.boolean().default(false).openapi({ description: 'Used up by the first delivery' }),
    redirectUrl: z.url().max(1000).openapi({
      description:
        "Where the citizen is sent after deciding, with ?id=…&status=…. Its origin must be one the operator registered for the caller's organisation (`/admin/organisations/{orgnr}/redirect-origins`); https, or http on localhost.",
      example: 'https://bank.example/laan/samtykke',
    }),
    requestMessage: LanguageText(1000)
      .optional()
      .openapi({ description: 'A message to the citizen, shown on the consent screen' }),
  })
  .strict()
  .openapi('NewConsentRequest')

export type NewConsentRequest = z.infer<typeof NewConsentRequestSchema>

export const ConsentRequestSchema = z
  .object({
    id: z.string().openapi({ example: 'cr_8d2k0qz2m9d4x8c1v5b6' }),
    status: ConsentStatusSchema,
    viewUri: z.url().openapi({
      description: 'Send the citizen here to decide',
      example: 'http://127.0.0.1:8080/consent/view/cr_8d2k0qz2m9d4x8c1v5b6',
    }),
    consumer: z.object({ orgnr: Orgnr, name: z.string() }),
    subject: z.string(),
    purpose: Purpose,
    datasets: z.array(
      z.object({
        datasetId: z.string(),
        title: LanguageText(300),
        publisher: z.object({ orgnr: Orgnr, name: z.string() }),
        ruleId: z.string(),
        fields: z.array(z.string()),
      }),
    ),
    validTo: z.iso.datetime(),
    oneTime: z.boolean(),
    redirectUrl: z.url(),
    requestMessage: LanguageText(1000).optional(),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().optional(),
  })
  .openapi('ConsentRequest')

export type ConsentRequest = z.infer<typeof ConsentRequestSchema>

export const ConsentEventSchema = z
  .object({
    id: z.string().openapi({ example: 'ev_2k9x0qz2m9d4x8c1v5b6' }),
    requestId: z.string(),
    from: ConsentStatusSchema.optional(),
    to: ConsentStatusSchema,
    actor: z.enum(['citizen', 'consumer', 'deling']),
    at: z.iso.datetime(),
  })
  .openapi('ConsentEvent')

export type ConsentEvent = z.infer<typeof ConsentEventSchema>

export const ConsentEventPageSchema = z
  .object({
    items: z.array(ConsentEventSchema),
    next: z.string().openapi({ description: 'Pass as `after` to get the events after these', example: '42' }),
  })
  .openapi('ConsentEventPage')

import { z } from '@hono/zod-openapi'
import { LanguageText, NewAccessRuleSchema } from '../catalog/dataset.schemas.ts'
import { Orgnr } from '../catalog/organisation.schemas.ts'

export const AccessRequestId = z
  .string()
  .regex(/^xr_[0-9a-z]{20}$/, 'an access request id such as xr_5m2k0qz2m9d4x8c1v5b6')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'xr_5m2k0qz2m9d4x8c1v5b6' })

export const accessRequestStatuses = ['submitted', 'changes-requested', 'approved', 'rejected', 'withdrawn'] as const
export const AccessRequestStatusSchema = z.enum(accessRequestStatuses).openapi({
  description:
    'submitted → changes-requested | approved | rejected | withdrawn; changes-requested → submitted (revised) | withdrawn | rejected. The others are final.',
  example: 'submitted',
})

const Role = z.enum(['requester', 'publisher'])
const Message = z.string().trim().min(1).max(4000)
// The rule's own field schemas, so that a request asks for exactly what an access rule can say.
const ruleShape = NewAccessRuleSchema.shape
const FutureTime = z.iso.datetime({ offset: true })

/** What the requester asks for; the same on a first submission and on a revision. */
const RequestContent = z
  .object({
    purpose: ruleShape.purpose,
    basis: ruleShape.basis.openapi({
      description: "One of the dataset's legal bases (not a non-disclosure one), or the consent of the data subject",
      example: { legalBasisId: 'lb_7w3k0qz2m9d4x8c1v5b6' },
    }),
    fields: ruleShape.fields.openapi({
      description: 'The fields needed: JSON pointers into the record schema',
      example: ['/personidentifikator', '/inntekt/beloep'],
    }),
    justification: Message.openapi({
      description: 'Why the organisation needs these fields for this purpose (at most 4000 characters)',
      example: 'NAV trenger inntekt og periode for å beregne dagpenger etter folketrygdloven § 4-4.',
    }),
    validTo: FutureTime.optional().openapi({
      description: 'Until when access is needed; the approved rule ends then',
      example: '2027-12-31T23:59:59Z',
    }),
  })
  .strict()

export const NewAccessRequestSchema = RequestContent.extend({
  datasetId: z
    .string()
    .regex(/^ds_[0-9a-z]{20}$/)
    .openapi({ example: 'ds_4k9x0qz2m9d4x8c1v5b6' }),
})
  .strict()
  .openapi('NewAccessRequest')
export type NewAccessRequest = z.infer<typeof NewAccessRequestSchema>

export const AccessRequestRevisionSchema = RequestContent.extend({
  message: Message.optional().openapi({ description: 'What changed, for the publisher', example: 'Fjernet navn.' }),
})
  .strict()
  .openapi('AccessRequestRevision')
export type AccessRequestRevision = z.infer<typeof AccessRequestRevisionSchema>

export const ChangesRequestedSchema = z
  .object({
    message: Message.openapi({
      description: 'What the requester should change',
      example: 'Navn trengs ikke for dagpenger; be bare om beløp og periode.',
    }),
  })
  .strict()
  .openapi('AccessRequestChanges')

export const RejectionSchema = z
  .object({
    reason: Message.openapi({
      description: 'Why the request is refused; the requester sees it',
      example: 'Formålet er ikke dekket av a-opplysningsloven § 7.',
    }),
  })
  .strict()
  .openapi('AccessRequestRejection')

export const WithdrawalSchema = z
  .object({ message: Message.optional().openapi({ example: 'Behovet er dekket på annen måte.' }) })
  .strict()
  .openapi('AccessRequestWithdrawal')

export const ApprovalSchema = z
  .object({
    validTo: FutureTime.optional().openapi({
      description: "When the rule ends; by default the request's validTo, else open-ended",
      example: '2027-12-31T23:59:59Z',
    }),
    oneTime: z.boolean().default(false).openapi({ description: 'The rule gives one delivery per subject' }),
    message: Message.optional().openapi({ example: 'Godkjent for dagpengebehandling.' }),
  })
  .strict()
  .openapi('AccessRequestApproval')
export type Approval = z.infer<typeof ApprovalSchema>

const Party = z.object({ orgnr: Orgnr, name: z.string().openapi({ example: 'Arbeids- og velferdsetaten' }) })

export const AccessRequestEventSchema = z
  .object({
    id: z.string().openapi({ example: 'ev_2k9x0qz2m9d4x8c1v5b6' }),
    requestId: z.string().openapi({ example: 'xr_5m2k0qz2m9d4x8c1v5b6' }),
    from: AccessRequestStatusSchema.optional(),
    to: AccessRequestStatusSchema,
    actor: z
      .object({
        orgnr: Orgnr,
        role: Role,
        via: z.enum(['api', 'portal']).openapi({ description: 'Through an API client, or by a person in the portal' }),
        clientId: z.string().optional().openapi({ description: 'The API client, when `via` is `api`' }),
      })
      .openapi({ example: { orgnr: '974761076', role: 'publisher', via: 'api', clientId: 'cl_skatt' } }),
    message: z.string().optional().openapi({ example: 'Navn trengs ikke for dagpenger.' }),
    at: z.iso.datetime().openapi({ example: '2026-05-04T10:15:00.000Z' }),
  })
  .openapi('AccessRequestEvent')
export type AccessRequestEvent = z.infer<typeof AccessRequestEventSchema>

export const AccessRequestSchema = z
  .object({
    id: z.string().openapi({ example: 'xr_5m2k0qz2m9d4x8c1v5b6' }),
    status: AccessRequestStatusSchema,
    dataset: z.object({ id: z.string(), title: LanguageText(300), publisher: Party }).openapi({
      example: {
        id: 'ds_4k9x0qz2m9d4x8c1v5b6',
        title: { nb: 'Inntektsopplysninger fra a-ordningen' },
        publisher: { orgnr: '974761076', name: 'Skatteetaten' },
      },
    }),
    requester: Party,
    purpose: ruleShape.purpose,
    basis: ruleShape.basis,
    fields: z.array(z.string()).openapi({ example: ['/personidentifikator', '/inntekt/beloep'] }),
    justification: z.string(),
    validTo: z.iso.datetime().optional(),
    ruleId: z.string().optional().openapi({
      description: 'The access rule the approval created',
      example: 'ar_0m3k8qz2m9d4x8c1v5b6',
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    history: z.array(AccessRequestEventSchema).openapi({ description: 'Every change, oldest first' }),
  })
  .openapi('AccessRequest')
export type AccessRequest = z.infer<typeof AccessRequestSchema>

export const AccessRequestSummarySchema = AccessRequestSchema.omit({ history: true }).openapi('AccessRequestSummary')
export type AccessRequestSummary = z.infer<typeof AccessRequestSummarySchema>

export const AccessRequestPageSchema = z
  .object({
    items: z.array(AccessRequestSummarySchema),
    next: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page', example: 'MjA' }),
  })
  .openapi('AccessRequestPage')

export const AccessRequestEventPageSchema = z
  .object({
    items: z.array(
      AccessRequestEventSchema.extend({
        role: Role.openapi({ description: "The caller's part in the request" }),
      }),
    ),
    next: z.string().openapi({ description: 'Pass as `after` to get the events after these', example: '42' }),
  })
  .openapi('AccessRequestEventPage')
export type AccessRequestEventPage = z.infer<typeof AccessRequestEventPageSchema>

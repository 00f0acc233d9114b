import { z } from '@hono/zod-openapi'
import { Orgnr } from '../catalog/organisation.schemas.ts'
import { IdentityNumber } from '../consent/consent.schemas.ts'

export const AuthorisationId = z
  .string()
  .regex(/^fm_[0-9a-z]{20}$/, 'an authorisation id such as fm_8d2k0qz2m9d4x8c1v5b6')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'fm_8d2k0qz2m9d4x8c1v5b6' })

const Scope = z.enum(['view', 'view-and-revoke']).openapi({
  description:
    '`view`: see the consents, consent requests, receipts and access log; `view-and-revoke`: also revoke accepted consents.',
  example: 'view-and-revoke',
})

const Person = z
  .object({
    fnr: z.string().openapi({ example: '03917920183' }),
    name: z
      .string()
      .nullable()
      .openapi({ description: 'From the person register; null when unknown', example: 'Lars Bakken Strøm' }),
  })
  .openapi('FullmaktPerson')

export const NewAuthorisationSchema = z
  .object({
    representative: IdentityNumber.openapi({
      description: 'Fødselsnummer or d-nummer of the person you authorise',
      example: '03917920183',
    }),
    scope: Scope,
    accept: z.boolean().default(false).openapi({
      description: 'Also accept or reject pending consent requests on your behalf. Only when you say so explicitly.',
      example: false,
    }),
    orgnrs: z
      .array(Orgnr)
      .min(1)
      .max(50)
      .optional()
      .openapi({
        description: 'Only the consents of these consuming organisations; leave out for all',
        example: ['984851006'],
      }),
    validFrom: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Default: now', example: '2026-12-01T00:00:00Z' }),
    validTo: z.iso
      .datetime({ offset: true })
      .openapi({ description: 'At most three years ahead', example: '2027-12-01T00:00:00Z' }),
  })
  .strict()
  .openapi('NewAuthorisation')

/** The page's form: dates as days in Norwegian time, organisations as one text field; checked by the handler. */
export const NewAuthorisationFormSchema = z
  .object({
    representative: z.string().max(50).openapi({ example: '03917920183' }),
    scope: Scope,
    accept: z.literal('on').optional().openapi({ description: 'The checkbox for answering requests', example: 'on' }),
    orgnrs: z.string().max(1000).optional().openapi({
      description: 'Organisation numbers separated by spaces or commas; empty for all',
      example: '984851006',
    }),
    validFrom: z
      .string()
      .max(20)
      .optional()
      .openapi({ description: 'First day, `YYYY-MM-DD` (Norwegian time); empty for today', example: '2026-12-01' }),
    validTo: z
      .string()
      .max(20)
      .openapi({ description: 'Last day, `YYYY-MM-DD` (Norwegian time), included', example: '2027-06-30' }),
    csrf: z.string().openapi({ description: "The session's CSRF token, from the page", example: 'q3Jc0V…' }),
    lang: z.enum(['nb', 'en']).optional().openapi({ example: 'nb' }),
  })
  .openapi('NewAuthorisationForm')

export const AuthorisationSchema = z
  .object({
    id: z.string().openapi({ example: 'fm_8d2k0qz2m9d4x8c1v5b6' }),
    giver: Person,
    representative: Person,
    scope: Scope,
    accept: z.boolean().openapi({ example: false }),
    orgnrs: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'The consumers it covers; null: every organisation', example: ['984851006'] }),
    validFrom: z.string().openapi({ example: '2026-12-01T00:00:00.000Z' }),
    validTo: z.string().openapi({ example: '2027-12-01T00:00:00.000Z' }),
    status: z.enum(['active', 'scheduled', 'expired', 'revoked']).openapi({
      description: '`scheduled`: validFrom is still ahead; the others as they say',
      example: 'active',
    }),
    createdAt: z.string().openapi({ example: '2026-11-23T12:00:00.000Z' }),
    revokedAt: z.string().optional().openapi({ example: '2026-11-24T08:30:00.000Z' }),
    revokedBy: z
      .enum(['giver', 'representative'])
      .optional()
      .openapi({ description: 'The giver revoked it, or the representative gave it up', example: 'giver' }),
  })
  .openapi('Authorisation', { description: 'A fullmakt: one citizen lets another see and manage their consents' })
export type Authorisation = z.infer<typeof AuthorisationSchema>

export const AuthorisationListSchema = z
  .object({
    given: z.array(AuthorisationSchema).openapi({ description: 'Authorisations you gave, newest first' }),
    received: z.array(AuthorisationSchema).openapi({ description: 'Authorisations others gave you, newest first' }),
  })
  .openapi('AuthorisationList')

const Right = z.enum(['view', 'revoke', 'accept']).openapi({ example: 'view' })

export const RepresentedPersonSchema = z
  .object({
    fnr: z.string().openapi({ example: '27879210130' }),
    name: z.string().nullable().openapi({ example: 'Sofie Haugland' }),
    bases: z
      .array(z.enum(['authorisation', 'parent', 'guardian']))
      .openapi({ description: 'Why you may act for them', example: ['parent'] }),
    rights: z
      .array(Right)
      .openapi({ description: 'What you may do for at least one organisation', example: ['view', 'revoke', 'accept'] }),
    orgnrs: z.array(z.string()).nullable().openapi({ description: 'Whose consents you see; null: all', example: null }),
    pendingRequests: z.number().int().openapi({ description: 'Unanswered consent requests you can see', example: 1 }),
  })
  .openapi('RepresentedPerson')
export type RepresentedPerson = z.infer<typeof RepresentedPersonSchema>

export const ActingForSchema = z
  .object({
    actingFor: RepresentedPersonSchema.nullable().openapi({ description: 'null: you act for yourself' }),
    options: z.array(RepresentedPersonSchema).openapi({ description: 'Everyone you may act for now' }),
  })
  .openapi('ActingFor')

export const ActingForChoiceSchema = z
  .object({
    fnr: IdentityNumber.nullable().openapi({
      description: 'The person to act for; null to act for yourself again',
      example: '27879210130',
    }),
  })
  .strict()
  .openapi('ActingForChoice')

export const ActingForFormSchema = z
  .object({
    fnr: z.string().openapi({ description: 'The person to act for, or `self`', example: '27879210130' }),
    csrf: z.string().openapi({ description: "The session's CSRF token, from the page", example: 'q3Jc0V…' }),
    lang: z.enum(['nb', 'en']).optional().openapi({ example: 'nb' }),
  })
  .openapi('ActingForForm')

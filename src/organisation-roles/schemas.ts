import { z } from '@hono/zod-openapi'
import { Orgnr } from '../catalog/organisation.schemas.ts'
import { IdentityNumber } from '../consent/consent.schemas.ts'

export const organisationRoleNames = ['admin', 'publisher', 'consumer'] as const
export type OrganisationRoleName = (typeof organisationRoleNames)[number]

export const OrganisationRoleNameSchema = z.enum(organisationRoleNames).openapi({
  description:
    "admin: gives and takes the organisation's roles; publisher: describes the organisation's datasets and access rules and answers access requests; consumer: asks other organisations for access",
  example: 'publisher',
})

export const RoleGrantId = z
  .string()
  .regex(/^rg_[0-9a-z]{20}$/, 'a role grant id such as rg_3m2k0qz2m9d4x8c1v5b6')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'rg_3m2k0qz2m9d4x8c1v5b6' })

export const NewRoleGrantSchema = z
  .object({
    pid: IdentityNumber.openapi({
      description: "The person's fødselsnummer or d-nummer, as their login gives it",
      example: '12858440015',
    }),
    role: OrganisationRoleNameSchema,
  })
  .strict()
  .openapi('NewRoleGrant')
export type NewRoleGrant = z.infer<typeof NewRoleGrantSchema>

const Grantor = z
  .union([
    z.object({ kind: z.literal('operator'), clientId: z.string() }),
    z.object({ kind: z.literal('person'), pid: z.string() }),
  ])
  .openapi('RoleGrantor', { example: { kind: 'operator', clientId: 'deling-operator' } })

export const RoleGrantSchema = z
  .object({
    id: z.string().openapi({ example: 'rg_3m2k0qz2m9d4x8c1v5b6' }),
    orgnr: Orgnr,
    pid: z.string().openapi({ example: '12858440015' }),
    name: z.string().optional().openapi({
      description: "The person's name, when the person register knows it",
      example: 'Ingrid Fjellheim',
    }),
    role: OrganisationRoleNameSchema,
    grantedBy: Grantor,
    grantedAt: z.iso.datetime().openapi({ example: '2026-11-23T10:00:00.000Z' }),
    revokedBy: Grantor.optional(),
    revokedAt: z.iso.datetime().optional().openapi({ example: '2026-12-01T08:30:00.000Z' }),
  })
  .openapi('RoleGrant')
export type RoleGrant = z.infer<typeof RoleGrantSchema>

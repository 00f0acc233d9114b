import { z } from '@hono/zod-openapi'
import { isValidOrgnr } from '../identifiers/orgnr.ts'

export const Orgnr = z
  .string()
  .refine(isValidOrgnr, 'orgnr must be nine digits with a valid mod-11 control digit')
  .openapi({ description: 'Norwegian organisation number (Enhetsregisteret)', example: '974761076' })

export const OrganisationSchema = z
  .object({
    orgnr: Orgnr,
    name: z.string().openapi({ example: 'Skatteetaten' }),
    iso6523Id: z
      .string()
      .openapi({ description: 'ISO 6523 identifier, as in Maskinporten tokens', example: '0192:974761076' }),
    publisherUri: z.url().openapi({
      description: 'DCAT publisher URI',
      example: 'https://data.brreg.no/enhetsregisteret/api/enheter/974761076',
    }),
    createdAt: z.iso.datetime().openapi({ example: '2026-11-23T08:00:00.000Z' }),
  })
  .openapi('Organisation')

export const NewOrganisationSchema = z
  .object({
    orgnr: Orgnr,
    name: z.string().trim().min(1).max(200).openapi({ example: 'Skatteetaten' }),
  })
  .strict()
  .openapi('NewOrganisation')

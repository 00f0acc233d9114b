import { z } from '@hono/zod-openapi'
import { ConsentRequestSchema } from './consent.schemas.ts'

export const DecisionForm = z
  .object({
    decision: z.enum(['accept', 'reject']).openapi({ example: 'accept' }),
    csrf: z.string().openapi({ description: "The session's CSRF token, from the page", example: 'q3Jc0V…' }),
    lang: z.enum(['nb', 'en']).optional().openapi({ description: 'Language of the page it came from', example: 'nb' }),
  })
  .openapi('ConsentDecisionForm')

export const CitizenConsentList = z
  .object({ items: z.array(ConsentRequestSchema) })
  .openapi('CitizenConsentList', { description: "The citizen's consents and requests for consent, newest first" })

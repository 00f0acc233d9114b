import { createRoute, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { FeedQuery } from '../http/feed.ts'
import { jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import {
  AccessRequestEventPageSchema,
  AccessRequestId,
  AccessRequestPageSchema,
  AccessRequestRevisionSchema,
  AccessRequestSchema,
  AccessRequestStatusSchema,
  ApprovalSchema,
  ChangesRequestedSchema,
  NewAccessRequestSchema,
  RejectionSchema,
  WithdrawalSchema,
} from './schemas.ts'

/** Who may call: the requester's scope, the publisher's scope, or either (reads). */
export interface AccessRequestGuards {
  requester: MiddlewareHandler<AppEnv>
  publisher: MiddlewareHandler<AppEnv>
  either: MiddlewareHandler<AppEnv>
}

const tags = ['Access requests']
const params = z.object({ id: AccessRequestId })
const requestResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: AccessRequestSchema } },
})
type JsonBody<T extends z.ZodType> = {
  required: boolean
  description: string
  content: { 'application/json': { schema: T } }
}
// An optional body: a client may approve or withdraw with no body at all.
const optionalBody = <T extends z.ZodType>(schema: T, description: string): JsonBody<T> => ({
  ...jsonBody(schema, description),
  required: false,
})

/** The route definitions of the access-request workflow; `routes.ts` gives them their behaviour. */
export function accessRequestOperations(guards: AccessRequestGuards) {
  const as = (middleware: MiddlewareHandler<AppEnv>) => ({ tags, security: organisationSecurity, middleware })
  const change = <Body extends z.ZodType>(
    path: string,
    who: 'requester' | 'publisher',
    details: { operationId: string; summary: string; description: string; body: JsonBody<Body> },
  ) =>
    createRoute({
      ...as(guards[who]),
      method: 'post',
      path: `/access-requests/{id}/${path}`,
      operationId: details.operationId,
      summary: details.summary,
      description: details.description,
      request: { params, body: details.body },
      responses: {
        200: requestResponse('The request, changed'),
        ...problemResponses(400, 401, 403, 404, 409, 413, 415),
      },
    })
  return {
    submit: createRoute({
      ...as(guards.requester),
      method: 'post',
      path: '/access-requests',
      operationId: 'submitAccessRequest',
      summary: 'Ask a publisher for access to a dataset',
      description:
        "Asks the dataset's publisher for an access rule for the caller's organisation (scope `deling:gateway`, the consumer's scope): a purpose, the basis it relies on (one of the dataset's legal bases, or the data subject's consent), the fields it needs and why. The dataset must be visible to the caller and not its own; the fields must be in its record schema. Follow the request with `GET /access-requests/{id}` or `GET /access-requests/events`.",
      request: { body: jsonBody(NewAccessRequestSchema, 'The request') },
      responses: {
        201: { ...requestResponse('Submitted'), headers: { Location: { schema: { type: 'string' } } } },
        ...problemResponses(400, 401, 403, 413, 415),
      },
    }),
    list: createRoute({
      ...as(guards.either),
      method: 'get',
      path: '/access-requests',
      operationId: 'listAccessRequests',
      summary: "The caller's access requests",
      description:
        'With `role=publisher` (scope `deling:catalog.write`) the requests for datasets the organisation publishes; with `role=requester` (scope `deling:gateway`) the requests it made. Newest first; pass `next` back as `cursor`.',
      request: {
        query: z
          .object({
            role: z.enum(['requester', 'publisher']).openapi({ example: 'publisher' }),
            status: AccessRequestStatusSchema.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
            cursor: z.string().max(200).optional().openapi({ example: 'MjAyNi0wNS0wNFQxMDoxNTowMC4wMDBafHhyXzVt' }),
          })
          .strict(),
      },
      responses: {
        200: {
          description: 'A page of requests',
          content: { 'application/json': { schema: AccessRequestPageSchema } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    events: createRoute({
      ...as(guards.either),
      method: 'get',
      path: '/access-requests/events',
      operationId: 'listAccessRequestEvents',
      summary: "Changes of the caller's access requests",
      description:
        'Every change of the requests where the organisation is requester (scope `deling:gateway`) or publisher (scope `deling:catalog.write`), oldest first, after the cursor `after` (start with 0; pass `next` back). With `wait` (seconds, at most 30) an empty page is held back until an event arrives (long poll).',
      request: {
        query: FeedQuery,
      },
      responses: {
        200: {
          description: 'A page of events',
          content: { 'application/json': { schema: AccessRequestEventPageSchema } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    get: createRoute({
      ...as(guards.either),
      method: 'get',
      path: '/access-requests/{id}',
      operationId: 'getAccessRequest',
      summary: 'Read an access request and its history',
      description:
        'The request, its state and every change (who, when, message). Only its requester and the publisher of its dataset see it; anyone else gets 404.',
      request: { params },
      responses: { 200: requestResponse('The request'), ...problemResponses(400, 401, 403, 404) },
    }),
    requestChanges: change('request-changes', 'publisher', {
      operationId: 'requestAccessRequestChanges',
      summary: 'Ask the requester to change a request',
      description:
        'The publisher (scope `deling:catalog.write`) sends a submitted request back with a message; the requester revises or withdraws it.',
      body: jsonBody(ChangesRequestedSchema, 'What to change'),
    }),
    approve: change('approve', 'publisher', {
      operationId: 'approveAccessRequest',
      summary: 'Approve a request: create its access rule',
      description:
        "The publisher (scope `deling:catalog.write`) approves a submitted request. The access rule (recipient the requester, the request's purpose, basis and fields) is created with the catalog's own checks in the same transaction, and named in `ruleId`; the gateway uses it from its next decision. When a rule for the same recipient and purpose exists the answer is 409 and nothing changes.",
      body: optionalBody(ApprovalSchema, 'The terms of the rule (optional)'),
    }),
    reject: change('reject', 'publisher', {
      operationId: 'rejectAccessRequest',
      summary: 'Reject a request, with a reason',
      description: 'The publisher (scope `deling:catalog.write`) refuses a submitted or changes-requested request.',
      body: jsonBody(RejectionSchema, 'Why'),
    }),
    revise: change('revise', 'requester', {
      operationId: 'reviseAccessRequest',
      summary: 'Revise a request after changes were asked for',
      description:
        'The requester (scope `deling:gateway`) replaces purpose, basis, fields and justification of a changes-requested request; it is submitted again.',
      body: jsonBody(AccessRequestRevisionSchema, 'The revised request'),
    }),
    withdraw: change('withdraw', 'requester', {
      operationId: 'withdrawAccessRequest',
      summary: 'Withdraw a request',
      description: 'The requester (scope `deling:gateway`) withdraws a submitted or changes-requested request.',
      body: optionalBody(WithdrawalSchema, 'A message (optional)'),
    }),
  }
}

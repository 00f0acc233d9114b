import { createRoute } from '@hono/zod-openapi'
import { identifyCaller, organisationCaller, requireScope, viewingOrganisation } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { addAccessRule, deleteAccessRule, getAccessRule, listAccessRules, updateAccessRule } from './access-rules.ts'
import {
  AccessRuleListSchema,
  DatasetParams,
  etag,
  IfMatchHeaders,
  ifMatchVersion,
  RuleParams,
} from './catalog.schemas.ts'
import { AccessRuleSchema, NewAccessRuleSchema } from './dataset.schemas.ts'
import { actorOf } from './datasets.ts'

const tags = ['Catalog']

/** Access rules: the executable "rettighetspakker" the gateway enforces, readable by anyone who can see the dataset. */
export function accessRuleRoutes(deps: AppDeps) {
  const { tokens, config, clock } = deps
  const write = {
    tags,
    security: organisationSecurity,
    middleware: requireScope(tokens, config.publicUrl, 'deling:catalog.write'),
  }
  const read = {
    tags,
    security: [{}, ...organisationSecurity],
    middleware: identifyCaller(tokens, config.publicUrl),
  }
  const ruleResponse = (description: string) => ({
    description,
    headers: { ETag: { schema: { type: 'string' as const } } },
    content: { 'application/json': { schema: AccessRuleSchema } },
  })
  return createRouter()
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/datasets/{id}/access-rules',
        operationId: 'listAccessRules',
        summary: 'Who may receive what',
        description:
          'The access rules of a dataset: which organisation (or any, with consent) may receive which fields, for which purpose, under which legal basis. Public for every dataset that is not NON_PUBLIC.',
        request: { params: DatasetParams },
        responses: {
          200: { description: 'The rules', content: { 'application/json': { schema: AccessRuleListSchema } } },
          ...problemResponses(400, 401, 404),
        },
      }),
      async (c) => {
        const items = await listAccessRules(c.get('db'), c.req.valid('param').id, viewingOrganisation(c))
        return c.json({ items }, 200)
      },
    )
    .openapi(
      createRoute({
        ...write,
        method: 'post',
        path: '/catalog/datasets/{id}/access-rules',
        operationId: 'addAccessRule',
        summary: 'Add an access rule',
        description:
          'Adds a rule to a dataset the caller publishes. The fields must exist in the record schema, the legal basis must be one of the dataset\'s (not a non-disclosure basis), and `"any"` recipient needs consent as basis. One rule per recipient and purpose.',
        request: { params: DatasetParams, body: jsonBody(NewAccessRuleSchema, 'The rule') },
        responses: { 201: ruleResponse('Added'), ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      }),
      async (c) => {
        const actor = actorOf(organisationCaller(c))
        const rule = await addAccessRule(c.get('db'), actor, c.req.valid('param').id, c.req.valid('json'), clock())
        c.header('ETag', etag(rule.version))
        c.header('Location', `${config.publicUrl}/catalog/datasets/${rule.datasetId}/access-rules/${rule.id}`)
        return c.json(rule, 201)
      },
    )
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/datasets/{id}/access-rules/{ruleId}',
        operationId: 'getAccessRule',
        summary: 'Get an access rule',
        description: 'One access rule of a dataset.',
        request: { params: RuleParams },
        responses: { 200: ruleResponse('The rule'), ...problemResponses(400, 401, 404) },
      }),
      async (c) => {
        const { id, ruleId } = c.req.valid('param')
        const rule = await getAccessRule(c.get('db'), id, ruleId, viewingOrganisation(c))
        c.header('ETag', etag(rule.version))
        return c.json(rule, 200)
      },
    )
    .openapi(
      createRoute({
        ...write,
        method: 'put',
        path: '/catalog/datasets/{id}/access-rules/{ruleId}',
        operationId: 'updateAccessRule',
        summary: 'Change an access rule',
        description: 'Replaces a rule of a dataset the caller publishes, with the same checks as adding one.',
        request: { params: RuleParams, headers: IfMatchHeaders, body: jsonBody(NewAccessRuleSchema, 'The new rule') },
        responses: { 200: ruleResponse('Changed'), ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415) },
      }),
      async (c) => {
        const ifMatch = ifMatchVersion(c.req.valid('header')['if-match'])
        const { id, ruleId } = c.req.valid('param')
        const actor = actorOf(organisationCaller(c))
        const rule = await updateAccessRule(
          c.get('db'),
          actor,
          { datasetId: id, ruleId },
          c.req.valid('json'),
          clock(),
          ifMatch,
        )
        c.header('ETag', etag(rule.version))
        return c.json(rule, 200)
      },
    )
    .openapi(
      createRoute({
        ...write,
        method: 'delete',
        path: '/catalog/datasets/{id}/access-rules/{ruleId}',
        operationId: 'deleteAccessRule',
        summary: 'Delete an access rule',
        description: 'Deletes a rule; the gateway stops delivering under it at once. Its history stays readable.',
        request: { params: RuleParams, headers: IfMatchHeaders },
        responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 412) },
      }),
      async (c) => {
        const ifMatch = ifMatchVersion(c.req.valid('header')['if-match'])
        const { id, ruleId } = c.req.valid('param')
        await deleteAccessRule(c.get('db'), actorOf(organisationCaller(c)), { datasetId: id, ruleId }, clock(), ifMatch)
        return c.body(null, 204)
      },
    )
}

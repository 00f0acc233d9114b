import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { requireCsrf } from '../../auth/citizen-login/csrf.ts'
import {
  addAccessRule,
  deleteAccessRule,
  getAccessRule,
  listAccessRules,
  updateAccessRule,
} from '../../catalog/access-rules.ts'
import { RuleId } from '../../catalog/catalog.schemas.ts'
import {
  type AccessRule,
  type Dataset,
  type NewAccessRule,
  NewAccessRuleSchema,
} from '../../catalog/dataset.schemas.ts'
import { listOrganisations } from '../../catalog/organisations.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { createRouter } from '../../http/openapi.ts'
import { jsonPointer, Problem } from '../../http/problem.ts'
import { actingFor, portalChangeActor } from '../../organisation-roles/acting-for.ts'
import { pickText } from '../catalog/words.tsx'
import { messages } from '../i18n/index.ts'
import { renderPage } from '../layout.tsx'
import { ConfirmPage } from './confirm-page.tsx'
import {
  addError,
  errorsOfRefusal,
  type FormValues,
  fieldForPointer,
  formValuesOf,
  loadedVersion,
  type PublishErrors,
} from './form-values.ts'
import { datasetPath, publishFrame } from './frame.tsx'
import { ownDataset } from './own-dataset.ts'
import { ruleBody, ruleFieldNames, ruleFormValues } from './rule-form.ts'
import { RuleFormPage, RulesPage } from './rule-pages.tsx'

async function renderRuleForm(
  c: Context<AppEnv>,
  state: { dataset: Dataset; rule?: AccessRule | undefined; values: FormValues; errors: PublishErrors },
  status: ContentfulStatusCode = 200,
) {
  const frame = publishFrame(c)
  const organisations = await listOrganisations(c.get('db'))
  return renderPage(c, <RuleFormPage frame={frame} organisations={organisations} {...state} />, {
    language: frame.language,
    status,
  })
}

async function ownRule(c: Context<AppEnv>, dataset: Dataset): Promise<AccessRule> {
  const ruleId = c.req.param('ruleId') ?? ''
  const actor = c.get('organisationActor')!
  if (!RuleId.safeParse(ruleId).success) throw new Problem(404, 'not-found', `No access rule ${ruleId}`)
  return getAccessRule(c.get('db'), dataset.id, ruleId, { orgnr: actor.orgnr })
}

/**
 * The rule form's answer to a post: the values checked by the API's schema and stored by `store` (the API's own
 * service), or the form again with each error beside its field.
 */
async function submitRule(
  c: Context<AppEnv>,
  state: { dataset: Dataset; rule?: AccessRule | undefined },
  store: (rule: NewAccessRule) => Promise<unknown>,
  done: 'rule-added' | 'rule-updated',
) {
  const values = formValuesOf(await c.req.parseBody({ all: true }))
  const parsed = NewAccessRuleSchema.safeParse(ruleBody(values))
  const errors: PublishErrors = {}
  for (const issue of parsed.error?.issues ?? [])
    addError(errors, fieldForPointer(jsonPointer(issue.path), ruleFieldNames), issue.message)
  if (!parsed.success) return renderRuleForm(c, { ...state, values, errors }, 400)
  try {
    await store(parsed.data)
  } catch (error) {
    const refusal = errorsOfRefusal(error, ruleFieldNames)
    return renderRuleForm(c, { ...state, values, errors: refusal.errors as PublishErrors }, refusal.status)
  }
  const actor = c.get('organisationActor')!
  return c.redirect(`${datasetPath(actor.orgnr, state.dataset.id, 'rules')}?done=${done}`, 303)
}

/** The publisher's pages for a dataset's access rules (/org/{orgnr}/datasets/{id}/rules/…): list, add, change, delete. */
export function rulePublishingRoutes(deps: AppDeps) {
  const router = createRouter()
  const publisher = actingFor(deps, ['publisher'])
  const base = '/org/:orgnr/datasets/:id/rules'
  const changeActor = (c: Context<AppEnv>) => portalChangeActor(c.get('organisationActor')!)

  router.get(base, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const frame = publishFrame(c)
    const rules = await listAccessRules(c.get('db'), dataset.id, { orgnr: frame.actor.orgnr })
    const organisations = await listOrganisations(c.get('db'))
    const page = (
      <RulesPage
        frame={frame}
        dataset={dataset}
        rules={rules}
        recipientNames={new Map(organisations.map((organisation) => [organisation.orgnr, organisation.name]))}
        flash={messages(frame.language).publishDone[c.req.query('done') ?? '']}
      />
    )
    return renderPage(c, page, { language: frame.language })
  })

  router.get(`${base}/new`, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    return renderRuleForm(c, { dataset, values: {}, errors: {} })
  })
  router.post(base, publisher, requireCsrf(), async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    return submitRule(
      c,
      { dataset },
      (rule) => addAccessRule(c.get('db'), changeActor(c), dataset.id, rule, deps.clock()),
      'rule-added',
    )
  })

  router.get(`${base}/:ruleId`, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const rule = await ownRule(c, dataset)
    return renderRuleForm(c, { dataset, rule, values: ruleFormValues(rule), errors: {} })
  })
  router.post(`${base}/:ruleId`, publisher, requireCsrf(), async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const rule = await ownRule(c, dataset)
    const version = loadedVersion(formValuesOf(await c.req.parseBody({ all: true })))
    const ids = { datasetId: dataset.id, ruleId: rule.id }
    return submitRule(
      c,
      { dataset, rule },
      (changed) => updateAccessRule(c.get('db'), changeActor(c), ids, changed, deps.clock(), version),
      'rule-updated',
    )
  })

  router.get(`${base}/:ruleId/delete`, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const rule = await ownRule(c, dataset)
    const frame = publishFrame(c)
    const t = messages(frame.language)
    const rulesPath = datasetPath(frame.actor.orgnr, dataset.id, 'rules')
    const page = (
      <ConfirmPage
        frame={frame}
        title={t.publishDeleteRuleTitle(rule.purpose.code)}
        text={t.publishDeleteRuleText}
        action={`${rulesPath}/${rule.id}/delete`}
        confirmLabel={t.publishDeleteRuleConfirm}
        cancelHref={rulesPath}
        version={rule.version}
        crumbs={[
          { href: datasetPath(frame.actor.orgnr, dataset.id), label: pickText(dataset.title, frame.language).text },
          { href: rulesPath, label: t.publishRulesLink },
        ]}
      />
    )
    return renderPage(c, page, { language: frame.language })
  })
  router.post(`${base}/:ruleId/delete`, publisher, requireCsrf(), async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const rule = await ownRule(c, dataset)
    const version = loadedVersion(formValuesOf(await c.req.parseBody({ all: true })))
    const ids = { datasetId: dataset.id, ruleId: rule.id }
    await deleteAccessRule(c.get('db'), changeActor(c), ids, deps.clock(), version)
    return c.redirect(`${datasetPath(c.get('organisationActor')!.orgnr, dataset.id, 'rules')}?done=rule-deleted`, 303)
  })
  return router
}

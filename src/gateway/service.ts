/**
 * One brokered request, end to end: decide, forward, cut, log, answer. Every decision (and every upstream
 * failure after an allow) is in the access log before the answer leaves; a delivery under a one-time consent
 * marks it used in the same transaction as its log entry, so the two cannot disagree.
 */

import { type AccessLogWriter, appendAccessLog, type NewAccessLogEntry } from '../audit/log.ts'
import type { OrganisationCaller } from '../auth/caller.ts'
import type { JsonSchema } from '../catalog/record-schema.ts'
import { changeConsent } from '../consent/service.ts'
import { consentDetailType } from '../consent/token-check.ts'
import type { Database } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import type { AddressGuard } from './address-guard.ts'
import type { AssertionSigner } from './assertion.ts'
import type { GatewayCatalogCache } from './catalog-cache.ts'
import type { GatewayConsentLookup } from './consent-lookup.ts'
import { type Decision, type DecisionContext, decide } from './decide.ts'
import { forward, upstreamUrl } from './forward.ts'
import { projectResponse } from './project.ts'
import type { UpstreamClient } from './upstream.ts'

export interface GatewayCall {
  caller: OrganisationCaller
  requestId: string
  datasetId: string
  /** The raw path after `/gateway/{datasetId}`, still percent-encoded. */
  path: string
  search: string
  method: string
  purpose: string
  subject: string | undefined
  accept: string | undefined
  contentType: string | undefined
  body: Uint8Array | undefined
}

export interface GatewayServices {
  db: Database
  now: Date
  publicUrl: string
  upstream: UpstreamClient
  guard: AddressGuard
  sign: AssertionSigner
  timeoutMs: number
  maxBytes: number
  catalog: GatewayCatalogCache
  consents: GatewayConsentLookup
  /** The process's batching log writer on a shared database (Node); without one, each decision is its own append. */
  accessLog?: AccessLogWriter
}

export interface GatewayAnswer {
  status: number
  contentType: string
  body: Uint8Array
  fields: string[]
}

function consentDetailOf(caller: OrganisationCaller) {
  const detail = caller.authorizationDetails.find((entry) => entry.type === consentDetailType)
  if (!detail || typeof detail.id !== 'string' || !Array.isArray(detail.datasets)) return undefined
  return { id: detail.id, datasets: detail.datasets as { datasetId: string; ruleId: string }[] }
}

/** Serves one gateway request; throws the Problem the consumer gets, after logging it when a decision was made. */
export async function serveGatewayCall(services: GatewayServices, call: GatewayCall): Promise<GatewayAnswer> {
  const { db, now, caller } = { ...services, caller: call.caller }
  const log = (entry: NewAccessLogEntry) =>
    services.accessLog ? services.accessLog.append(entry) : appendAccessLog(db, entry)
  // Unknown and hidden datasets are 404 before any decision: there is nothing to log about them.
  const { dataset, rules } = await services.catalog.get(db, call.datasetId, { orgnr: caller.orgnr })
  const endpoint = dataset.dataServices[0]?.endpointUrl
  // a bad path is bad input (400), refused before anything is decided or logged
  const url = endpoint ? upstreamUrl(endpoint, call.path, call.search) : undefined
  const consentDetail = consentDetailOf(caller)
  const consent = consentDetail ? await services.consents.find(db, consentDetail.id) : undefined
  const context: DecisionContext = { dataset, rules, ...(consent ? { consent } : {}) }
  const decision = decide(
    { consumerOrgnr: caller.orgnr, datasetId: dataset.id, purpose: call.purpose, subject: call.subject, consentDetail },
    context,
    now,
  )
  const entry: NewAccessLogEntry = {
    at: now,
    requestId: call.requestId,
    consumerOrgnr: caller.orgnr,
    clientId: caller.clientId,
    producerOrgnr: dataset.publisher.orgnr,
    datasetId: dataset.id,
    subjectFnr: context.dataset.containsPersonalData ? (call.subject ?? null) : null,
    purposeCode: call.purpose,
    ruleId: null,
    consentId: consentDetail?.id ?? null,
    legalBasisUri: null,
    fieldsDelivered: [],
    outcome: 'denied',
    reason: null,
    upstreamStatus: null,
  }
  if (!decision.allow) {
    await log({ ...entry, reason: decision.reason })
    throw new Problem(403, decision.reason, decision.detail)
  }
  const allowed: NewAccessLogEntry = {
    ...entry,
    subjectFnr: decision.subject ?? null,
    ruleId: decision.rule.id,
    consentId: 'consentId' in decision.basis ? decision.basis.consentId : null,
    legalBasisUri: 'legalBasisUri' in decision.basis ? decision.basis.legalBasisUri : null,
  }
  const failed = async (problem: Problem, upstreamStatus: number | null): Promise<never> => {
    await log({ ...allowed, outcome: 'upstream-failed', reason: problem.slug, upstreamStatus })
    throw problem
  }

  if (!url) return failed(new Problem(502, 'upstream-failed', 'The dataset has no data service'), null)
  const assertion = await services.sign(db, url.origin, assertionClaims(call, dataset.id, decision), now)
  const result = await forward(services.upstream, services.guard, {
    url,
    method: call.method,
    headers: {
      'Deling-Assertion': assertion,
      'Deling-Request-Id': call.requestId,
      Accept: call.accept ?? 'application/json',
      ...(call.body && call.contentType ? { 'Content-Type': call.contentType } : {}),
    },
    body: call.body,
    timeoutMs: services.timeoutMs,
    maxBytes: services.maxBytes,
  })
  if (!result.ok) return failed(result.problem, result.upstreamStatus)
  const upstreamStatus = result.response.status
  const projected = projectResponse(result.response, decision.fields, dataset.recordSchema as JsonSchema | undefined)
  if (!projected.ok) return failed(new Problem(502, 'upstream-failed', projected.detail), upstreamStatus)

  const delivered: NewAccessLogEntry = {
    ...allowed,
    outcome: 'delivered',
    fieldsDelivered: decision.fields,
    upstreamStatus,
  }
  if ('consentId' in decision.basis && decision.basis.oneTime) {
    const consentId = decision.basis.consentId
    try {
      await db.transaction(async (tx) => {
        await changeConsent(tx, consentId, { to: 'used', actor: 'deling', now }, () => true)
        await appendAccessLog(tx, delivered)
      })
    } catch (error) {
      // Another request delivered under the one-time consent first: this one gets nothing.
      if (!(error instanceof Problem && error.status === 409)) throw error
      await log({ ...allowed, reason: 'consent-used', upstreamStatus })
      throw new Problem(403, 'consent-used', `Consent ${consentId} was for one delivery, and it has been used`)
    }
  } else await log(delivered)
  return { status: upstreamStatus, contentType: projected.contentType, body: projected.body, fields: decision.fields }
}

function assertionClaims(call: GatewayCall, datasetId: string, decision: Extract<Decision, { allow: true }>) {
  return {
    consumerOrgnr: call.caller.orgnr,
    clientId: call.caller.clientId,
    datasetId,
    subject: decision.subject,
    purpose: call.purpose,
    ruleId: decision.rule.id,
    consentId: 'consentId' in decision.basis ? decision.basis.consentId : undefined,
    legalBasisUri: 'legalBasisUri' in decision.basis ? decision.basis.legalBasisUri : undefined,
    requestId: call.requestId,
  }
}

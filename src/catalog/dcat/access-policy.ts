import { DataFactory } from 'n3'
import type { AccessRule } from '../dataset.schemas.ts'
import type { Graph } from './graph.ts'
import { accessRuleUri, legalBasisUri } from './uris.ts'
import { ns, organisationUri } from './vocabulary.ts'

const { literal } = DataFactory

/**
 * An access rule as an ODRL offer from the publisher (ODRL 2.2 Information Model §2.3: an Offer names its
 * assigner). One permission to odrl:use the dataset, for the recipient organisation (odrl:assignee) or, for
 * "any", with the data subject's consent as a duty (odrl:obtainConsent). The purpose, the validity period and
 * one-time use are constraints (§2.5, left operands odrl:purpose, odrl:dateTime, odrl:count).
 * The shapes put no constraint on odrl:hasPolicy from a dataset; the 3.0 core shapes only ask a distribution's
 * policy to be an IRI, so every node here is one.
 */
export function addAccessPolicy(
  graph: Graph,
  publicUrl: string,
  datasetUri: string,
  publisherUri: string,
  rule: AccessRule,
) {
  const policy = accessRuleUri(publicUrl, rule.datasetId, rule.id)
  const permission = `${policy}#permission`

  graph.add(datasetUri, ns.odrl('hasPolicy'), policy)
  graph.type(policy, ns.odrl('Policy'), ns.odrl('Offer'))
  graph.add(policy, ns.odrl('uid'), policy).add(policy, ns.odrl('assigner'), publisherUri)
  graph.text(policy, ns.dct('identifier'), rule.id).dateTime(policy, ns.dct('modified'), rule.updatedAt)
  if ('legalBasisId' in rule.basis) {
    graph.add(policy, ns.dct('references'), legalBasisUri(publicUrl, rule.datasetId, rule.basis.legalBasisId))
  }
  graph.add(policy, ns.odrl('permission'), permission)

  graph.type(permission, ns.odrl('Permission'))
  graph.add(permission, ns.odrl('target'), datasetUri).add(permission, ns.odrl('action'), ns.odrl('use'))
  if (rule.recipient === 'any') {
    graph.texts(permission, ns.rdfs('comment'), {
      nb: 'Enhver virksomhet med samtykke fra den registrerte',
      en: "Any organisation with the data subject's consent",
    })
  } else {
    graph.add(permission, ns.odrl('assignee'), organisationUri(rule.recipient.orgnr))
  }
  if ('consent' in rule.basis) {
    const duty = `${policy}#consent`
    graph.add(permission, ns.odrl('duty'), duty)
    graph.type(duty, ns.odrl('Duty')).add(duty, ns.odrl('action'), ns.odrl('obtainConsent'))
  }

  const constraint = (name: string, leftOperand: string, operator: string, value: string, datatype?: string) => {
    const node = `${policy}#${name}`
    graph.add(permission, ns.odrl('constraint'), node)
    graph.type(node, ns.odrl('Constraint'))
    graph.add(node, ns.odrl('leftOperand'), ns.odrl(leftOperand)).add(node, ns.odrl('operator'), ns.odrl(operator))
    graph.add(node, ns.odrl('rightOperand'), datatype ? literal(value, ns.xsd(datatype)) : literal(value))
    return node
  }
  const purpose = constraint('purpose', 'purpose', 'eq', rule.purpose.code)
  graph.texts(purpose, ns.rdfs('label'), rule.purpose.text)
  if (rule.validFrom) constraint('valid-from', 'dateTime', 'gteq', new Date(rule.validFrom).toISOString(), 'dateTime')
  if (rule.validTo) constraint('valid-to', 'dateTime', 'lt', new Date(rule.validTo).toISOString(), 'dateTime')
  if (rule.oneTime) constraint('one-time', 'count', 'lteq', '1', 'integer')
}

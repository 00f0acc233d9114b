import { findClient } from '../auth/clients.ts'
import { findRuleRow } from '../catalog/access-rules.repo.ts'
import type { LanguageTextValue } from '../catalog/dataset.schemas.ts'
import { loadDatasets } from '../catalog/datasets.repo.ts'
import { findOrganisation } from '../catalog/organisations.ts'
import { describeFields, type FieldDescription } from '../catalog/record-schema.ts'
import { findConsent } from '../consent/repo.ts'
import type { Database } from '../db/database.ts'
import type { Language } from '../web/i18n/index.ts'
import type { ChainedEntry } from './chain.ts'

/** One delivery of a citizen's data, in the words the citizen reads. */
export interface Delivery {
  id: string
  at: string
  receiver: { orgnr: string; name: string; system: string }
  dataset: { id: string; title: LanguageTextValue | null; publisher: { orgnr: string; name: string } | null }
  purpose: { code: string | null; text: LanguageTextValue | null }
  legalBasis: { uri: string; title: LanguageTextValue | null } | null
  consent: { id: string } | null
  fields: FieldDescription[]
}

// Each lookup once per page, however many entries name the same organisation, client, rule or consent.
function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>()
  return (key) => {
    let found = seen.get(key)
    if (!found) {
      found = load(key)
      seen.set(key, found)
    }
    return found
  }
}

/**
 * Explains log entries to the person they are about: receiver's name, the dataset's title, the purpose in words
 * (from the consent or the rule behind the delivery), the legal basis's title and the fields in words from the
 * dataset's record schema. Whatever has since been deleted falls back to the codes the entry itself keeps.
 */
export async function explainDeliveries(
  db: Database,
  entries: ChainedEntry[],
  language: Language,
): Promise<Delivery[]> {
  const datasetIds = [...new Set(entries.map((entry) => entry.datasetId))]
  const datasets = new Map((await loadDatasets(db, datasetIds)).map((dataset) => [dataset.id, dataset]))
  const organisation = memo((orgnr) => findOrganisation(db, orgnr))
  const client = memo((clientId) => findClient(db, clientId))
  const consent = memo((id) => findConsent(db, id))
  const rule = memo((key) => {
    const [datasetId = '', ruleId = ''] = key.split(' ')
    return findRuleRow(db, datasetId, ruleId)
  })
  return Promise.all(
    entries.map(async (entry): Promise<Delivery> => {
      const dataset = datasets.get(entry.datasetId)
      const [receiver, system, stored, ruleRow] = await Promise.all([
        organisation(entry.consumerOrgnr),
        client(entry.clientId),
        entry.consentId ? consent(entry.consentId) : undefined,
        entry.ruleId ? rule(`${entry.datasetId} ${entry.ruleId}`) : undefined,
      ])
      const basis = dataset?.legalBases.find((legalBasis) => legalBasis.uri === entry.legalBasisUri)
      return {
        id: entry.id,
        at: entry.at,
        receiver: {
          orgnr: entry.consumerOrgnr,
          name: receiver?.name ?? entry.consumerOrgnr,
          system: system?.name ?? entry.clientId,
        },
        dataset: {
          id: entry.datasetId,
          title: dataset?.title ?? null,
          publisher: dataset ? { orgnr: dataset.publisher.orgnr, name: dataset.publisher.name } : null,
        },
        purpose: { code: entry.purposeCode, text: stored?.row.purposeText ?? ruleRow?.purposeText ?? null },
        legalBasis: entry.legalBasisUri ? { uri: entry.legalBasisUri, title: basis?.title ?? null } : null,
        consent: entry.consentId ? { id: entry.consentId } : null,
        fields: describeFields(dataset?.recordSchema ?? {}, entry.fieldsDelivered, language),
      }
    }),
  )
}

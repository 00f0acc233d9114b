import type { AccessRequestSummary } from '../../access-requests/schemas.ts'
import type { AccessRequestStatus } from '../../access-requests/states.ts'
import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { describeFields } from '../../catalog/record-schema.ts'
import { LocalText } from '../catalog/words.tsx'
import { type Language, messages } from '../i18n/index.ts'
import type { AccountView } from '../layout.tsx'

/** What every page under /org/{orgnr}/access-requests is drawn with. */
export interface Frame {
  language: Language
  path: string
  account: AccountView
}

export const requestsPath = (orgnr: string) => `/org/${orgnr}/access-requests`
export const requestPath = (orgnr: string, id: string) => `${requestsPath(orgnr)}/${id}`

export function StatusBadge({ status, language }: { status: AccessRequestStatus; language: Language }) {
  return (
    <span class={`status status--${status}`} data-status={status}>
      {messages(language).arStatusNames[status]}
    </span>
  )
}

/** The basis a request relies on, in words: the law's title linked to Lovdata, or the data subject's consent. */
export function BasisWords({
  basis,
  dataset,
  language,
}: {
  basis: AccessRequestSummary['basis']
  dataset: Dataset | undefined
  language: Language
}) {
  const t = messages(language)
  if ('consent' in basis) return <>{t.arBasisConsent}</>
  const found = dataset?.legalBases.find((candidate) => candidate.id === basis.legalBasisId)
  if (!found) return <>{basis.legalBasisId}</>
  return (
    <>
      <a href={found.uri}>
        <LocalText value={found.title} language={language} />
      </a>{' '}
      <span class="muted">({t.legalBasisTypeNames[found.type] ?? found.type})</span>
    </>
  )
}

/** The fields asked for, in the words of the record schema ("Inntekter › Beløp"). */
export function FieldWords({
  fields,
  dataset,
  language,
}: {
  fields: string[]
  dataset: Dataset | undefined
  language: Language
}) {
  return (
    <ul class="fields">
      {describeFields(dataset?.recordSchema ?? { type: 'object' }, fields, language).map((field) => (
        <li data-field={field.pointer}>{field.title}</li>
      ))}
    </ul>
  )
}

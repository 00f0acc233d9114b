import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { LocalText, pickText } from '../catalog/words.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'

/** Where the dataset page's button leads: it sends the person on, or says what they need first. */
export const askPath = (datasetId: string) => `/datasets/${datasetId}/request-access`

/** The form for a request from one organisation, for one dataset. */
export const newRequestPath = (orgnr: string, datasetId: string) =>
  `/org/${orgnr}/access-requests/new?dataset=${encodeURIComponent(datasetId)}`

/** "Ask for access" on the dataset page, for datasets a request can name fields of (those with a record schema). */
export function AskForAccess({ dataset, language }: { dataset: Dataset; language: Language }) {
  if (!dataset.recordSchema) return null
  const t = messages(language)
  return (
    <section aria-labelledby="ask-for-access" class="ask">
      <h2 id="ask-for-access">{t.arAskHeading}</h2>
      <p>{t.arAskIntro}</p>
      <p>
        <a class="button" href={askPath(dataset.id)}>
          {t.arAskButton}
        </a>
      </p>
    </section>
  )
}

export interface AskPageProps {
  language: Language
  path: string
  account: AccountView | undefined
  dataset: Dataset
  /** The organisations the person may ask for (consumer role, not the dataset's publisher); undefined when logged out. */
  choices: { orgnr: string; name: string }[] | undefined
  /** The person is a consumer only in the publisher itself. */
  publishesIt: boolean
}

/** /datasets/{id}/request-access when the person cannot go straight to the form: log in, get the role, or pick. */
export function AskPage({ dataset, choices, publishesIt, ...frame }: AskPageProps) {
  const t = messages(frame.language)
  const title = pickText(dataset.title, frame.language).text
  const back = (
    <p>
      <a href={`/datasets/${dataset.id}`}>{t.arBackToDataset(title)}</a>
    </p>
  )
  return (
    <Layout {...frame} title={`${t.arAskButton}: ${title}`}>
      <div class="portal">
        <h1>{t.arAskButton}</h1>
        <p class="lead">
          <LocalText value={dataset.title} language={frame.language} />
          <span class="block muted">{t.arPublishedBy(dataset.publisher.name)}</span>
        </p>
        {choices === undefined ? (
          <>
            <p>{t.arAskLogIn}</p>
            <p>
              <a class="button" href={`/auth/login?returnTo=${encodeURIComponent(askPath(dataset.id))}`}>
                {t.logIn}
              </a>
            </p>
          </>
        ) : choices.length ? (
          <>
            <p>{t.arAskChoose}</p>
            <ul class="results__list">
              {choices.map((choice) => (
                <li class="result" data-orgnr={choice.orgnr}>
                  <a href={newRequestPath(choice.orgnr, dataset.id)}>{t.arAskFor(choice.name)}</a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="note">{publishesIt ? t.arAskOwnDataset : t.arAskNoRole}</p>
        )}
        {back}
      </div>
    </Layout>
  )
}

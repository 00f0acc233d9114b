import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import { type Language, messages } from '../i18n/index.ts'
import { recipientWords } from './access-table.tsx'
import { LocalText, pickText } from './words.tsx'

/** One operation of the producer's API as the gateway serves it. */
export interface ApiOperation {
  method: string
  path: string
  summary: string | undefined
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The operations of an OpenAPI document, in its order: method, path and summary (or description). */
export function apiOperations(document: Record<string, unknown>): ApiOperation[] {
  const paths = isObject(document.paths) ? document.paths : {}
  return Object.entries(paths).flatMap(([path, item]) =>
    isObject(item)
      ? methods.flatMap((method) => {
          const operation = item[method]
          if (!isObject(operation)) return []
          const summary = [operation.summary, operation.description].find((text) => typeof text === 'string')
          return [{ method: method.toUpperCase(), path, summary: summary as string | undefined }]
        })
      : [],
  )
}

export interface ApiSectionProps {
  dataset: Dataset
  rules: AccessRule[]
  recipientNames: Map<string, string>
  /** The operations of the documented data service; undefined when the dataset has no API document. */
  operations: ApiOperation[] | undefined
  publicUrl: string
  language: Language
}

/** The data service through Deling: the gateway address, the OpenAPI documents (whole and per rule), operations. */
export function ApiSection({ dataset, rules, recipientNames, operations, publicUrl, language }: ApiSectionProps) {
  const t = messages(language)
  const document = `/catalog/datasets/${dataset.id}/openapi.json`
  const service = dataset.dataServices.find((candidate) => candidate.openapi) ?? dataset.dataServices[0]
  return (
    <section aria-labelledby="api">
      <h2 id="api">{t.apiHeading}</h2>
      <p>{t.apiIntro}</p>
      <dl class="facts">
        <dt>{t.apiEndpoint}</dt>
        <dd>
          <code class="wrap">{`${publicUrl}/gateway/${dataset.id}`}</code>
        </dd>
        {service ? (
          <>
            <dt>{t.apiService}</dt>
            <dd>
              <LocalText value={service.title} language={language} />
            </dd>
          </>
        ) : null}
      </dl>
      {operations ? (
        <>
          <p>
            <a href={document}>{t.apiDocument}</a>
          </p>
          <h3>{t.apiOperationsHeading}</h3>
          <table class="operations">
            <caption class="visually-hidden">{t.apiOperationsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.apiMethod}</th>
                <th scope="col">{t.apiPath}</th>
                <th scope="col">{t.apiSummary}</th>
              </tr>
            </thead>
            <tbody>
              {operations.map((operation) => (
                <tr>
                  <td>
                    <span class="method">{operation.method}</span>
                  </td>
                  <td>
                    <code class="wrap">{operation.path}</code>
                  </td>
                  <td>{operation.summary ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rules.length ? (
            <>
              <h3>{t.apiRuleDocumentsHeading}</h3>
              <p>{t.apiRuleDocumentsIntro}</p>
              <ul>
                {rules.map((rule) => {
                  const recipient = rule.recipient === 'any' ? 'any' : rule.recipient.orgnr
                  const query = new URLSearchParams({ recipient, purpose: rule.purpose.code })
                  const purpose = pickText(rule.purpose.text, language).text
                  return (
                    <li>
                      <a href={`${document}?${query}`}>
                        {t.apiRuleDocument(recipientWords(rule, recipientNames, language), purpose)}
                      </a>
                    </li>
                  )
                })}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p class="note">{t.apiNone}</p>
      )}
    </section>
  )
}

/** DCAT-AP-NO: the whole catalog as a link, and the single dataset as curl commands (a link cannot set Accept). */
export function DcatSection({
  dataset,
  publicUrl,
  language,
}: Pick<ApiSectionProps, 'dataset' | 'publicUrl' | 'language'>) {
  const t = messages(language)
  const url = `${publicUrl}/catalog/datasets/${dataset.id}`
  return (
    <section aria-labelledby="dcat">
      <h2 id="dcat">{t.dcatHeading}</h2>
      <p>{t.dcatIntro}</p>
      <p>
        <a href="/catalog/dcat">{t.dcatCatalog}</a>
      </p>
      <p>{t.dcatSingle}</p>
      <h3 class="small-heading">{t.dcatTurtle}</h3>
      <pre class="command">
        <code>{`curl -H 'Accept: text/turtle' ${url}`}</code>
      </pre>
      <h3 class="small-heading">{t.dcatJsonLd}</h3>
      <pre class="command">
        <code>{`curl -H 'Accept: application/ld+json' ${url}`}</code>
      </pre>
    </section>
  )
}

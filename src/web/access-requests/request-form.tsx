import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { describeFields } from '../../catalog/record-schema.ts'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import { OrgBreadcrumbs } from '../breadcrumbs.tsx'
import { LocalText, pickText } from '../catalog/words.tsx'
import { ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, TextArea, TextField } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { Layout } from '../layout.tsx'
import type { RequestFormValues } from './form-input.ts'
import { recordSchemaFields } from './schema-fields.ts'
import { type Frame, requestPath, requestsPath } from './words.tsx'

/** The fields of a request: purpose, basis, fields, justification, until when. Shared by a new request and a revision. */
function RequestFields({
  dataset,
  values,
  errors,
  language,
}: {
  dataset: Dataset
  values: RequestFormValues
  errors: FieldErrors
  language: Language
}) {
  const t = messages(language)
  const bases = dataset.legalBases.filter((basis) => basis.type !== 'non-disclosure')
  const schema = dataset.recordSchema ?? { type: 'object' }
  // jsonb keeps no key order, so the fields go in the order of their words, each under the field it sits in.
  const fields = describeFields(schema, recordSchemaFields(schema), language).sort((a, b) =>
    a.path.join('\u0000').localeCompare(b.path.join('\u0000'), language),
  )
  return (
    <>
      <fieldset class="form__group">
        <legend>{t.arPurposeLegend}</legend>
        {(
          [
            ['purposeText', t.arPurposeText, t.arPurposeTextHint],
            ['purposeTextEn', t.arPurposeTextEn, t.arPurposeTextEnHint],
            ['purposeCode', t.arPurposeCode, t.arPurposeCodeHint],
          ] as const
        ).map(([name, label, hint]) => (
          <TextField name={name} label={label} hint={hint} value={values[name]} errors={errors} />
        ))}
      </fieldset>
      <ChoiceGroup
        type="radio"
        name="basis"
        legend={t.arBasisLegend}
        hint={t.arBasisHint}
        errors={errors}
        checked={(value) => value === values.basis}
        choices={[
          ...bases.map((basis) => ({
            value: basis.id,
            label: <LocalText value={basis.title} language={language} />,
            hint: t.legalBasisTypeNames[basis.type] ?? basis.type,
          })),
          { value: 'consent', label: t.arBasisConsent, hint: t.arBasisConsentHint },
        ]}
      />
      <ChoiceGroup
        type="checkbox"
        name="fields"
        legend={t.arFieldsLegend}
        hint={t.arFieldsHint}
        errors={errors}
        checked={(value) => values.fields.includes(value)}
        choices={fields.map((field) => ({
          value: field.pointer,
          label: field.title,
          hint: field.pointer,
          depth: field.path.length - 1,
        }))}
      />
      <TextArea
        name="justification"
        label={t.arJustification}
        hint={t.arJustificationHint}
        value={values.justification}
        errors={errors}
        rows={5}
      />
      <TextField
        name="validTo"
        type="date"
        label={t.arValidTo}
        hint={t.arValidToHint}
        value={values.validTo}
        errors={errors}
      />
    </>
  )
}

function DatasetBox({ dataset, language }: { dataset: Dataset; language: Language }) {
  const t = messages(language)
  return (
    <div class="note" id="dataset" tabindex={-1}>
      <p class="small-heading">{t.arDataset}</p>
      <p>
        <a href={`/datasets/${dataset.id}`}>
          <LocalText value={dataset.title} language={language} />
        </a>
        <span class="block muted">{t.arPublishedBy(dataset.publisher.name)}</span>
      </p>
    </div>
  )
}

export interface RequestFormPageProps extends Frame {
  actor: OrganisationActor
  dataset: Dataset
  values: RequestFormValues
  errors: FieldErrors
  /** Present when revising: the request and the newest change the person saw. */
  revising?: { id: string; seen: string } | undefined
}

/** A new request (from a dataset page) or the revision of one the publisher sent back. */
export function RequestFormPage({ actor, dataset, values, errors, revising, ...frame }: RequestFormPageProps) {
  const t = messages(frame.language)
  const { language } = frame
  const title = revising ? t.arReviseTitle : t.arNewTitle
  const datasetTitle = pickText(dataset.title, language).text
  return (
    <Layout {...frame} title={`${title}: ${datasetTitle}`}>
      <div class="portal">
        <OrgBreadcrumbs
          actor={actor}
          trail={[
            { href: requestsPath(actor.orgnr), label: t.arListTitle },
            ...(revising ? [{ href: requestPath(actor.orgnr, revising.id), label: t.arRequestTitle }] : []),
          ]}
          current={title}
          language={language}
        />
        <h1>{title}</h1>
        <ErrorSummary errors={errors} language={language} />
        <p class="lead">{revising ? t.arReviseIntro : t.arNewIntro(actor.name, dataset.publisher.name)}</p>
        <DatasetBox dataset={dataset} language={language} />
        <form
          class="form"
          method="post"
          action={revising ? `${requestPath(actor.orgnr, revising.id)}/revise` : requestsPath(actor.orgnr)}
          novalidate
        >
          <CsrfField token={frame.account.csrfToken} />
          {revising ? (
            <input type="hidden" name="seen" value={revising.seen} />
          ) : (
            <input type="hidden" name="dataset" value={dataset.id} />
          )}
          <RequestFields dataset={dataset} values={values} errors={errors} language={language} />
          {revising ? (
            <TextArea
              name="message"
              label={t.arReviseMessage}
              hint={t.arReviseMessageHint}
              value={values.message}
              errors={errors}
              rows={3}
            />
          ) : null}
          <div class="actions">
            <button class="button" type="submit">
              {revising ? t.arReviseSubmit : t.arNewSubmit}
            </button>
            <a href={revising ? requestPath(actor.orgnr, revising.id) : `/datasets/${dataset.id}`}>{t.arCancel}</a>
          </div>
        </form>
      </div>
    </Layout>
  )
}

import { findOrganisation } from '../catalog/organisations.ts'
import type { Database } from '../db/database.ts'
import { type Language, messages } from '../web/i18n/index.ts'
import type { Acting } from './acting.ts'
import { type Right, rightsSummary, visibleOrgnrs } from './scope.ts'

/** What the banner on every acting-for page says: for whom, on what basis, what may be done, for which consumers. */
export type ActingBanner =
  | {
      kind: 'acting'
      name: string
      bases: string[]
      rights: Right[]
      organisations: { orgnr: string; name: string }[] | null
    }
  | { kind: 'ended'; name: string }

/** The banner of a request's acting context; undefined for a citizen acting for themselves. */
export async function actingBanner(db: Database, acting: Acting): Promise<ActingBanner | undefined> {
  if (acting.ended) return { kind: 'ended', name: acting.ended.name ?? '' }
  const { representative } = acting
  if (!representative) return undefined
  const orgnrs = visibleOrgnrs(representative.grants)
  const organisations = orgnrs
    ? await Promise.all(
        orgnrs.map(async (orgnr) => ({ orgnr, name: (await findOrganisation(db, orgnr))?.name ?? orgnr })),
      )
    : null
  return {
    kind: 'acting',
    name: acting.subject.name ?? acting.subject.fnr,
    bases: [...new Set(representative.grants.map((grant) => grant.basis.kind))],
    rights: rightsSummary(representative.grants),
    organisations,
  }
}

/** "You are acting for Sofie, as a parent": at the top of each page while acting, with the way back to oneself. */
export function ActingForBanner(props: { banner: ActingBanner | undefined; language: Language; csrfToken: string }) {
  const { banner, language } = props
  if (!banner) return null
  const t = messages(language)
  if (banner.kind === 'ended')
    return (
      <p class="note" data-acting="ended">
        {t.fullmaktEnded(banner.name)}
      </p>
    )
  const rights = banner.rights.map((right) => t.fullmaktRightsNames[right] ?? right).join(', ')
  return (
    <div class="note" data-acting="representative">
      <p>
        <strong>{t.fullmaktActingFor(banner.name)}</strong>{' '}
        {banner.bases.map((basis) => t.fullmaktBasisNames[basis] ?? basis).join(', ')}.
      </p>
      <p>
        {t.fullmaktYouMay(rights)}{' '}
        {banner.organisations
          ? t.fullmaktOnlyOrganisations(
              banner.organisations.map((organisation) => `${organisation.name} (${organisation.orgnr})`).join(', '),
            )
          : t.fullmaktAllOrganisations}
      </p>
      <form method="post" action="/me/acting-for">
        <input type="hidden" name="fnr" value="self" />
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <input type="hidden" name="lang" value={language} />
        <button class="button" type="submit">
          {t.fullmaktBackToSelf}
        </button>
      </form>
    </div>
  )
}

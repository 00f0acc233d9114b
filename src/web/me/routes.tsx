import { explainDeliveries } from '../../audit/citizen-log.ts'
import { deliveriesOfSubject } from '../../audit/repo.ts'
import { currentSession, requireCitizen } from '../../auth/citizen-login/middleware.ts'
import { consentIdsOfSubject, findConsent } from '../../consent/repo.ts'
import { presentConsent } from '../../consent/service.ts'
import type { AppDeps } from '../../deps.ts'
import { actingFor, visibleConsumers } from '../../fullmakt/acting.ts'
import { actingBanner } from '../../fullmakt/banner.tsx'
import { representationOverview } from '../../fullmakt/overview.ts'
import { representedPeople } from '../../fullmakt/service.ts'
import { createRouter } from '../../http/openapi.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { MyPage } from './page.tsx'

// The page shows the newest few of each; /me/consents and /me/access-log have them all.
const newest = 5

/** The citizen's "my page" (`/me`): a page only, so it stays out of the OpenAPI document. */
export function myPageRoutes(deps: AppDeps) {
  const { clock, config } = deps
  const router = createRouter()
  router.get('/me', requireCitizen(deps, { page: true }), async (c) => {
    const session = currentSession(c)!
    const language = pageLanguage(c)
    const db = c.get('db')
    const now = clock()
    // While acting for someone: their consents and deliveries within the authority, and no management of their own.
    const acting = await actingFor(c, deps, { page: true })
    const consumers = visibleConsumers(acting)
    const consentIds = await consentIdsOfSubject(db, acting.subject.fnr, consumers)
    const consents = []
    for (const id of consentIds.slice(0, newest)) {
      const stored = await findConsent(db, id)
      if (stored) consents.push(await presentConsent(db, stored, { now, publicUrl: config.publicUrl }))
    }
    const { total, entries } = await deliveriesOfSubject(db, {
      fnr: acting.subject.fnr,
      consumerOrgnrs: consumers,
      offset: 0,
      limit: newest,
    })
    const deliveries = await explainDeliveries(db, entries, language)
    return renderPage(
      c,
      <MyPage
        language={language}
        path={pagePath(c)}
        account={accountView(session)}
        consents={{ items: consents, total: consentIds.length }}
        deliveries={{ items: deliveries, total }}
        acting={{
          subjectName: acting.representative ? acting.subject.name : undefined,
          banner: await actingBanner(db, acting),
          options: await representedPeople(db, session.fnr, now),
          current: acting.representative ? acting.subject.fnr : undefined,
          overview: acting.representative ? undefined : await representationOverview(db, session.fnr, now),
        }}
      />,
      { language },
    )
  })
  return router
}

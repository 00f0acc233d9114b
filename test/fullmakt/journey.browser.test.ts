import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { logInInBrowser } from '../support/browser-login.ts'
import { child, dnb, type FullmaktWorld, father, fullmaktWorld, mother } from './world.ts'

describe('fullmakt in a real browser: a parent acts for the child', () => {
  const browser = sharedBrowser()
  let world: FullmaktWorld
  let consentId: string

  beforeAll(async () => {
    world = await fullmaktWorld()
    await world.addParent(mother.fnr, child.fnr)
    await world.addParent(father.fnr, child.fnr)
    consentId = await world.requestConsent(child.fnr, dnb.orgnr)
    await world.answer(await world.logInAs(child.fnr), consentId, 'accept')
  })
  afterAll(() => world?.app.close())

  const logIn = async (page: Page, fnr: string) => {
    await page.goto(`${world.app.url}/me`)
    await logInInBrowser(page, fnr, `${world.app.url}/me`)
  }

  it('switches to acting for the child, revokes the child’s consent, and the child’s page shows who did it', async () => {
    const parentContext = await browser().newContext({ locale: 'nb-NO' })
    const page = await parentContext.newPage()
    const offOrigin = await keepToOrigin(page, world.app.url)
    await logIn(page, mother.fnr)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Min side for Hanne Lie Dahl')
    await page.getByRole('button', { name: 'Handle for Emma Lie Dahl' }).click()

    await page.waitForURL(`${world.app.url}/me`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Min side for Emma Lie Dahl')
    await expect(page.locator('[data-acting="representative"]').textContent()).resolves.toContain(
      'Du handler nå for Emma Lie Dahl som forelder.',
    )
    await page.getByRole('link', { name: /Se alle samtykkene/ }).click()
    await page.waitForURL(`${world.app.url}/me/consents`)
    const entry = page.locator(`[data-consent="${consentId}"]`)
    await expect(entry.locator('[data-status]').textContent()).resolves.toBe('Godtatt')
    await entry.getByRole('button', { name: 'Trekk tilbake' }).click()
    await page.waitForURL(`${world.app.url}/me/consents`)
    await expect(entry.locator('[data-status]').textContent()).resolves.toBe('Trukket tilbake')
    expect(await world.statusOf(consentId)).toBe('revoked')

    await page.getByRole('button', { name: 'Tilbake til meg selv' }).click()
    await page.waitForURL(`${world.app.url}/me`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Min side for Hanne Lie Dahl')
    expect(offOrigin).toEqual([])
    await parentContext.close()

    const childContext = await browser().newContext({ locale: 'nb-NO' })
    const childPage = await childContext.newPage()
    await logIn(childPage, child.fnr)
    const done = childPage.locator('[data-action="consent-revoked"]')
    await expect(done.textContent()).resolves.toMatch(
      /Hanne Lie Dahl \(som forelder\) trakk tilbake et samtykke \(DNB Bank ASA\)/,
    )
    await expect(childPage.locator('[data-relation="parent"]').allTextContents()).resolves.toEqual([
      'Hanne Lie Dahl (forelder)',
      'Jonas Dahl (forelder)',
    ])
    await childContext.close()
  })
})

/**
 * The few pages oidc-provider itself renders (logout confirmation, after logout, errors), in Norwegian and English,
 * with Deling's stylesheet and nothing from another origin. They are rare: the portal ends its own sessions.
 */
const escapeHtml = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string, stylesheet: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Deling</title><link rel="stylesheet" href="${escapeHtml(stylesheet)}"></head><body><main id="main" class="container">${body}</main></body></html>`
}

export function logoutPage(form: string, stylesheet: string): string {
  return page(
    'Logg ut / Log out',
    `<h1>Vil du logge ut? <span lang="en">/ Do you want to log out?</span></h1>${form}<p><button class="button" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logg meg ut / Yes, log me out</button> <button class="button secondary" type="submit" form="op.logoutForm">Nei, forbli innlogget / No, stay logged in</button></p>`,
    stylesheet,
  )
}

export function loggedOutPage(stylesheet: string): string {
  return page(
    'Logget ut / Logged out',
    '<h1>Du er logget ut <span lang="en">/ You are logged out</span></h1><p><a href="/">Til forsiden / To the start page</a></p>',
    stylesheet,
  )
}

export function errorPage(error: unknown, description: unknown, stylesheet: string): string {
  return page(
    'Feil / Error',
    `<h1>Noe gikk galt <span lang="en">/ Something went wrong</span></h1><p>${escapeHtml(error)}: ${escapeHtml(description)}</p><p><a href="/">Til forsiden / To the start page</a></p>`,
    stylesheet,
  )
}

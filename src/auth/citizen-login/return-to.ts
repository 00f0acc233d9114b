/** Where a login may send the citizen back to: a path on this site, never another origin. */
export type ReturnTo = { ok: true; path: string } | { ok: false; reason: string }

export const defaultReturnTo = '/'
const maxLength = 2048
const base = 'https://deling.invalid'

/**
 * Accepts only a same-site relative path (`/me?tab=consents`). Refuses absolute and scheme-relative URLs (`//evil`),
 * backslashes (browsers read `/\evil` as `//evil`), control characters, dot segments that lead off the site, and the
 * login routes themselves (a loop). Returns the normalised path.
 */
export function parseReturnTo(value: string | undefined): ReturnTo {
  if (value === undefined || value === '') return { ok: true, path: defaultReturnTo }
  if (value.length > maxLength) return { ok: false, reason: `returnTo is longer than ${maxLength} characters` }
  if (!value.startsWith('/') || value.startsWith('//'))
    return { ok: false, reason: 'returnTo must be a path on this site, starting with a single /' }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value))
    return { ok: false, reason: 'returnTo must not contain backslashes or control characters' }
  const url = new URL(value, base)
  // Dot segments can turn a path into a scheme-relative URL: `/..//evil.example` becomes `//evil.example`.
  if (url.origin !== base || url.pathname.startsWith('//'))
    return { ok: false, reason: 'returnTo must be a path on this site' }
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/'))
    return { ok: false, reason: 'returnTo must not be a login route' }
  return { ok: true, path: `${url.pathname}${url.search}${url.hash}` }
}

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32: no i, l, o, u

/** Kinds of object with an opaque id; the prefix makes a log line or a support ticket readable at a glance. */
export type IdKind =
  | 'ds'
  | 'dsv'
  | 'ar'
  | 'lb'
  | 'cr'
  | 'cs'
  | 'ev'
  | 'al'
  | 'req'
  | 'ses'
  | 'key'
  | 'chg'
  | 'rcp'
  | 'xr'
  | 'rg'
  | 'fm'
  | 'rr'
  | 'ra'

/** A new opaque, non-sequential id such as `ds_4k9x…` (100 random bits). */
export function newId(kind: IdKind): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20))
  let id = ''
  for (const byte of bytes) id += alphabet[byte & 31]
  return `${kind}_${id}`
}

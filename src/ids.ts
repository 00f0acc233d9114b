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

// Random bytes are drawn 4 KiB at a time: one call to the system's generator per 204 ids, not per id (a request
// id is made for every request, and a call per id was 6 % of the gateway's CPU under load). Each byte is used once.
const pool = new Uint8Array(4096)
let used = pool.length

/** A new opaque, non-sequential id such as `ds_4k9x…` (100 random bits). */
export function newId(kind: IdKind): string {
  if (used + 20 > pool.length) {
    crypto.getRandomValues(pool)
    used = 0
  }
  let id = ''
  for (let end = used + 20; used < end; used++) id += alphabet[pool[used]! & 31]
  return `${kind}_${id}`
}

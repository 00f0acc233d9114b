import type { LogLevel } from '../config.ts'

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

export type LogFields = Record<string, unknown>
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

// Paths may carry a fødselsnummer (the gateway's subject); logs never do. A longer run of digits is masked too:
// a number followed by more digits (`12858440015%30` in a path, decoded) must not slip through.
const elevenOrMoreDigits = /\d{11,}/g
export const redactIdentityNumbers = (text: string) => text.replace(elevenOrMoreDigits, '***********')

// A compact JWS or JWE: an access token, a client assertion, a DPoP proof, a consent receipt, a session.
const compactJose = /eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2,4}/g
// drizzle's "Failed query: <sql>\nparams: <values>": the values are what was stored or looked up.
const queryParameters = /\nparams: [\s\S]*$/

/**
 * What may be written to a log: no fødselsnummer, no token or signed object, no query parameters. Applied to every
 * line, so an error message from a driver or a library that quotes its input cannot leak either.
 */
export function redactSecrets(text: string): string {
  return redactIdentityNumbers(text.replace(queryParameters, '\nparams: [redacted]').replace(compactJose, '[jws]'))
}

function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value)
  if (depth > 5 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((entry) => redactFields(entry, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactFields(entry, depth + 1)]))
}

/** JSON lines on stdout, one object per event, so any log shipper can read them. */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => console.log(line)): Logger {
  const log =
    (at: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (order[at] < order[level]) return
      const safe = redactFields(fields) as LogFields
      write(JSON.stringify({ time: new Date().toISOString(), level: at, msg: redactSecrets(message), ...safe }))
    }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

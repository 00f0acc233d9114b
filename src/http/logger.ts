import type { LogLevel } from '../config.ts'

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

export type LogFields = Record<string, unknown>
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

// Paths may carry a fødselsnummer (the gateway's subject); logs never do.
const elevenDigits = /(?<!\d)\d{11}(?!\d)/g
export const redactIdentityNumbers = (text: string) => text.replace(elevenDigits, '***********')

/** JSON lines on stdout, one object per event, so any log shipper can read them. */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => console.log(line)): Logger {
  const log =
    (at: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (order[at] < order[level]) return
      write(JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...fields }))
    }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

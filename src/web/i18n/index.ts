import { en } from './en.ts'
import { nb } from './nb.ts'

/** The portal's languages: Norwegian bokmål by default, and English. */
export const languages = ['nb', 'en'] as const
export type Language = (typeof languages)[number]
export const defaultLanguage: Language = 'nb'

/** The shape of the catalogue, taken from bokmål: a text is a string, or a function of its parameters. */
export type Messages = typeof nb

const catalogues: Record<Language, Messages> = { nb, en }

/** The texts of one language. */
export const messages = (language: Language): Messages => catalogues[language]

/** The name of each language in itself, for the language switch. */
export const languageNames: Record<Language, string> = { nb: 'Norsk (bokmål)', en: 'English' }

/** Remembers a language picked with `?lang=`, so the next page keeps it. Not personal data: no consent needed. */
export const languageCookie = 'deling_lang'

const isLanguage = (value: string | undefined): value is Language =>
  value !== undefined && (languages as readonly string[]).includes(value)

// `no` and `nn` readers get bokmål rather than English: the closest language Deling has.
const languageOfTag = (tag: string): Language | undefined => {
  const primary = tag.trim().toLowerCase().split('-')[0]
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb'
  if (primary === 'en') return 'en'
  return undefined
}

/** RFC 9110 §12.5.4: the first acceptable language by weight (ties keep the header's order). */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.split(';')
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag, weight: q ? Number(q.slice(2)) : 1, index }
    })
    .filter((entry) => entry.weight > 0 && !Number.isNaN(entry.weight))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
  for (const { tag } of ranked) {
    const language = languageOfTag(tag)
    if (language) return language
  }
  return undefined
}

export interface LanguageSources {
  /** `?lang=` of the request: an explicit choice. */
  query?: string | undefined
  /** `ui_locales` of an OpenID Connect request (space-separated tags), carried from the portal to the login page. */
  uiLocales?: string | undefined
  /** The language cookie: an earlier choice. */
  cookie?: string | undefined
  acceptLanguage?: string | undefined
}

/** Picks the page language: explicit choice, then the login request's, then an earlier choice, then the browser's. */
export function resolveLanguage(sources: LanguageSources): Language {
  if (isLanguage(sources.query)) return sources.query
  for (const tag of sources.uiLocales?.split(' ') ?? []) {
    const language = languageOfTag(tag)
    if (language) return language
  }
  if (isLanguage(sources.cookie)) return sources.cookie
  return languageFromAcceptLanguage(sources.acceptLanguage) ?? defaultLanguage
}

/** A time of day as a Norwegian reader expects it (Norwegian time, 24-hour clock). */
export function formatTime(language: Language, time: Date): string {
  return new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Oslo',
  }).format(time)
}

import type { LanguageTextValue } from './dataset.schemas.ts'

/**
 * Life events ("livshendelser"): situations in a person's life that make several agencies share data about them.
 * ADR 0012 says where the URIs come from: Digdir's life-event-type vocabulary where it has a verified concept,
 * else Deling's own concept under the installation's public URL (`<PUBLIC_URL>/life-events/<key>`, which is also
 * the page about it). Datasets store the key, so the tags survive a change of PUBLIC_URL.
 */
export interface LifeEvent {
  /** Stable and URL-safe: the stored value, the facet value and the page's slug. */
  key: string
  /** The concept in Digdir's vocabulary (CPSV-AP-NO `dct:type` of a `cv:LifeEvent`), when one is verified. */
  national?: string
  labels: Required<LanguageTextValue>
  description: { nb: string; en: string }
}

/** Digdir's "Livshendelsestype" vocabulary, which CPSV-AP-NO 1.x requires for a life event's type. */
export const nationalLifeEventScheme = 'https://data.norge.no/vocabulary/life-event-type'

export const lifeEvents: readonly LifeEvent[] = [
  {
    key: 'having-a-child',
    national: `${nationalLifeEventScheme}#having-a-child`,
    labels: { nb: 'Å få barn', nn: 'Å få barn', en: 'Having a child' },
    description: {
      nb: 'Fødsel, foreldrepenger, barnetrygd og barnehage: helsevesenet, NAV, Skatteetaten og kommunen deler opplysninger om familien.',
      en: 'Birth, parental benefit, child benefit and kindergarten: health services, NAV, the Tax Administration and the municipality share data about the family.',
    },
  },
  {
    key: 'falling-ill',
    labels: { nb: 'Bli syk', nn: 'Bli sjuk', en: 'Falling ill' },
    description: {
      nb: 'Sykmelding og sykepenger: NAV trenger inntekten fra a-ordningen for å beregne ytelsen.',
      en: 'Sick leave and sickness benefit: NAV needs the income from the a-ordning to calculate the benefit.',
    },
  },
  {
    key: 'losing-a-job',
    labels: { nb: 'Miste jobben', nn: 'Miste jobben', en: 'Losing a job' },
    description: {
      nb: 'Dagpenger og jobbsøking: NAV henter inntekt og arbeidsforhold, og registrerer arbeidssøkerperioden.',
      en: 'Unemployment benefit and job seeking: NAV fetches income and employment, and records the job-seeking period.',
    },
  },
  {
    key: 'starting-a-business',
    labels: {
      nb: 'Starte og drive en bedrift',
      nn: 'Starte og drive ei bedrift',
      en: 'Starting and running a business',
    },
    description: {
      nb: 'Registrering, skatt, merverdiavgift og ansatte: Brønnøysundregistrene, Skatteetaten og NAV deler opplysninger om foretaket.',
      en: 'Registration, tax, VAT and employees: the Brønnøysund Registers, the Tax Administration and NAV share data about the business.',
    },
  },
  {
    key: 'buying-a-home',
    labels: { nb: 'Kjøpe bolig', nn: 'Kjøpe bustad', en: 'Buying a home' },
    description: {
      nb: 'Boliglån og tinglysing: banken vurderer inntekten din med ditt samtykke, og Kartverket registrerer eierskiftet.',
      en: 'Mortgage and land registration: the bank assesses your income with your consent, and the Mapping Authority records the transfer.',
    },
  },
  {
    key: 'moving',
    labels: { nb: 'Flytte', nn: 'Flytte', en: 'Moving' },
    description: {
      nb: 'Flyttemelding til Folkeregisteret: kommunen, NAV og Skatteetaten får den nye adressen.',
      en: 'Notice of moving to the National Population Register: the municipality, NAV and the Tax Administration get the new address.',
    },
  },
  {
    key: 'moving-to-norway',
    labels: { nb: 'Ny i Norge', nn: 'Ny i Noreg', en: 'Moving to Norway' },
    description: {
      nb: 'Identitetsnummer, skattekort og rettigheter i folketrygden: UDI, Skatteetaten og NAV samarbeider.',
      en: 'Identity number, tax deduction card and social security rights: UDI, the Tax Administration and NAV work together.',
    },
  },
  {
    key: 'retiring',
    labels: { nb: 'Gå av med pensjon', nn: 'Gå av med pensjon', en: 'Retiring' },
    description: {
      nb: 'Alderspensjon og tjenestepensjon: NAV og pensjonsleverandørene trenger opptjening og inntekt.',
      en: 'Retirement and occupational pension: NAV and the pension providers need earned rights and income.',
    },
  },
  {
    key: 'death-and-inheritance',
    labels: { nb: 'Dødsfall og arv', nn: 'Dødsfall og arv', en: 'Death and inheritance' },
    description: {
      nb: 'Skifte, arv og etterlatteytelser: domstolene, Skatteetaten, NAV og bankene trenger opplysninger om avdøde.',
      en: 'Probate, inheritance and survivor benefits: the courts, the Tax Administration, NAV and the banks need data about the deceased.',
    },
  },
]

const byKey = new Map(lifeEvents.map((event) => [event.key, event]))
const byNational = new Map(lifeEvents.flatMap((event) => (event.national ? [[event.national, event]] : [])))
const ownKeys = lifeEvents.filter((event) => !event.national).map((event) => event.key)

export const findLifeEvent = (key: string): LifeEvent | undefined => byKey.get(key)

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '')

/** Deling's own life-event scheme at this installation: the page that lists them. */
export const ownLifeEventScheme = (publicUrl: string) => `${base(publicUrl)}/life-events`

/** The URI of a life event: Digdir's concept where there is one, else this installation's own. */
export function lifeEventUri(event: LifeEvent, publicUrl: string): string {
  return event.national ?? `${ownLifeEventScheme(publicUrl)}/${event.key}`
}

/** The concept scheme a life event's URI belongs to. */
export const lifeEventScheme = (event: LifeEvent, publicUrl: string) =>
  event.national ? nationalLifeEventScheme : ownLifeEventScheme(publicUrl)

// Any Deling installation's own concept names the same life event: only the key after /life-events/ counts.
const ownUriPattern = new RegExp(`^https?://[^/?#\\s]+(?:/[^?#\\s]*)?/life-events/(${ownKeys.join('|')})$`)

/**
 * The life event a URI names: Digdir's concept, or an own concept of a Deling installation (any host, so a tag
 * survives a new PUBLIC_URL or a harvest from another installation). A bare key is accepted too, for filters.
 */
export function lifeEventOf(value: string): LifeEvent | undefined {
  const national = byNational.get(value)
  if (national) return national
  const own = ownUriPattern.exec(value)?.[1]
  if (own) return byKey.get(own)
  return /^[a-z-]+$/.test(value) ? byKey.get(value) : undefined
}

/** Whether a URI (not a bare key) names a known life event: what the API and the harvest accept. */
export const isLifeEventUri = (uri: string) => /^https?:\/\//.test(uri) && lifeEventOf(uri) !== undefined

/** The keys of the life events these URIs name, each once, in the vocabulary's order. */
export function lifeEventKeys(uris: readonly string[]): string[] {
  const named = new Set(uris.map((uri) => lifeEventOf(uri)?.key))
  return lifeEvents.filter((event) => named.has(event.key)).map((event) => event.key)
}

/**
 * The URIs to store for what a publisher sent: each life event once, in the vocabulary's order, an own concept
 * under this installation's URL when it is known (another installation's URI for it means the same event).
 */
export function normaliseLifeEventUris(uris: readonly string[], publicUrl: string | undefined): string[] {
  const given = new Map<string, string>()
  for (const uri of uris) {
    const event = lifeEventOf(uri)
    if (event && !given.has(event.key)) given.set(event.key, uri)
  }
  return lifeEvents.flatMap((event) => {
    const uri = given.get(event.key)
    if (uri === undefined) return []
    return [publicUrl === undefined ? uri : lifeEventUri(event, publicUrl)]
  })
}

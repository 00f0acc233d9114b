import type { DelingScope } from '../auth/scopes.ts'

/** The demo's organisations: a publisher, two consumers and the operator. */
export const demoOrganisations = [
  { orgnr: '974761076', name: 'Skatteetaten' },
  { orgnr: '889640782', name: 'NAV' },
  { orgnr: '984851006', name: 'DNB Bank ASA' },
  { orgnr: '991825827', name: 'Digitaliseringsdirektoratet' },
] as const

export interface DemoClientSpec {
  /** Fixed and readable, so the README and scripts can name them. */
  clientId: string
  orgnr: string
  name: string
  scopes: DelingScope[]
}

/** One client per demo organisation, with the scopes its role needs. */
export const demoClients: readonly DemoClientSpec[] = [
  {
    clientId: 'demo-skatteetaten',
    orgnr: '974761076',
    name: 'Skatteetaten (demo publisher)',
    scopes: ['deling:catalog.write', 'deling:gateway', 'deling:audit.read'],
  },
  {
    clientId: 'demo-nav',
    orgnr: '889640782',
    name: 'NAV (demo consumer, legal basis and consent)',
    scopes: ['deling:gateway', 'deling:consent.request', 'deling:audit.read'],
  },
  {
    clientId: 'demo-dnb',
    orgnr: '984851006',
    name: 'DNB (demo consumer, consent)',
    scopes: ['deling:gateway', 'deling:consent.request'],
  },
  {
    clientId: 'demo-operator',
    orgnr: '991825827',
    name: 'Digitaliseringsdirektoratet (demo operator)',
    scopes: ['deling:admin', 'deling:audit.read'],
  },
]

/** Where the demo consumers' consent requests may send citizens back to (the README's walkthrough uses DNB's). */
export const demoRedirectOrigins: readonly { orgnr: string; origin: string }[] = [
  { orgnr: '984851006', origin: 'https://dnb.example' },
  { orgnr: '889640782', origin: 'https://nav.example' },
]

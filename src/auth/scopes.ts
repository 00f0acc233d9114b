/** The scopes Deling's authorization server issues, and what each lets a client do. */
export const delingScopes = {
  'deling:catalog.write': "Publish and change the organisation's own datasets and access rules",
  'deling:gateway': 'Request data through the gateway',
  'deling:consent.request': 'Ask citizens for consent and follow the requests',
  'deling:audit.read': 'Read the access log entries where the organisation is consumer or producer',
  'deling:admin': 'Operate Deling: organisations, clients, keys, trusted issuers',
} as const

export type DelingScope = keyof typeof delingScopes
export const scopeNames = Object.keys(delingScopes) as [DelingScope, ...DelingScope[]]

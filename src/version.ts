import packageJson from '../package.json' with { type: 'json' }

/** Deling's version, from package.json: the same on every host and in /healthz, /openapi.json and the logs. */
export const version: string = packageJson.version

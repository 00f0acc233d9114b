export * from './auth.ts'
export * from './catalog.ts'
export * from './consent.ts'
export * from './registry.ts'

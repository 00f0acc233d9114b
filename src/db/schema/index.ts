export * from './auth.ts'
export * from './registry.ts'

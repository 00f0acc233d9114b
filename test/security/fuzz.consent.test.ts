import { fuzzSuite } from './fuzz-suite.ts'

await fuzzSuite('consent', ['Consent', 'Citizen'])

import { fuzzSuite } from './fuzz-suite.ts'

await fuzzSuite('operator', ['Operator'])

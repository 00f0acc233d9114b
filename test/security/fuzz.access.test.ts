import { fuzzSuite } from './fuzz-suite.ts'

await fuzzSuite('access', ['Access requests', 'Gateway', 'Audit'])

import { fuzzSuite } from './fuzz-suite.ts'

await fuzzSuite('catalog', ['Catalog', 'Operations'])

import type { Scenario } from '../scenario.ts'
import { gateway } from './gateway.ts'
import { healthz } from './healthz.ts'
import { search } from './search.ts'

/** Every scenario, in the order they run. A new one (token issuance) is a module added here. */
export const scenarios: Scenario[] = [healthz, search, gateway]

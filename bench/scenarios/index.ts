import type { Scenario } from '../scenario.ts'
import { dcat } from './dcat.ts'
import { gateway, gatewayConsent } from './gateway.ts'
import { healthz } from './healthz.ts'
import { revocation } from './revocation.ts'
import { search } from './search.ts'
import { token } from './token.ts'

/** Every scenario, in the order they run. */
export const scenarios: Scenario[] = [healthz, gateway, gatewayConsent, token, revocation, search, dcat]

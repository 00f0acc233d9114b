import type { KnownValues } from './contract.ts'
import type { SecurityWorld } from './world.ts'

/** Ids and codes of the world, so that generated requests reach real datasets, rules, consents and requests. */
export function knownValues(world: SecurityWorld): KnownValues {
  const datasets = [world.incomeDatasetId, world.openDatasetId, world.hiddenDatasetId]
  const byPattern: Record<string, string[]> = {
    '^ds_[0-9a-z]{20}$': datasets,
    '^ar_[0-9a-z]{20}$': [world.dagpengerRuleId, world.consentRuleId],
    '^lb_[0-9a-z]{20}$': [world.legalBasisId],
    '^cr_[0-9a-z]{20}$': [world.pendingConsentId, world.acceptedConsentId],
    '^xr_[0-9a-z]{20}$': [world.accessRequestId],
    '^\\d{11}$': ['12858440015', '03917920183'],
    '^[a-z0-9][a-z0-9._-]{0,63}$': ['dagpenger', 'laanesoknad', 'sykepenger'],
    '^(\\/([^~/]|~[01])*)+$': ['/personidentifikator', '/inntekt/beloep', '/navn'],
  }
  const byName: Record<string, string[]> = {
    orgnr: ['974761076', '889640782', '984851006', '991825827'],
    publisher: ['974761076', '889640782'],
    recipient: ['889640782', '984851006'],
    subject: ['12858440015', '03917920183'],
    datasetId: datasets,
    ruleId: [world.dagpengerRuleId, world.consentRuleId],
    clientId: [world.spareClientId],
    // A long poll would hold the run for its whole wait: the fuzzer asks for none.
    wait: ['0'],
    redirectUrl: ['https://bank.example/cb', 'https://evil.example/cb'],
    origin: ['https://bank.example', 'https://dnb.example'],
    path: ['inntekt/12858440015', 'inntekt', 'x/../y'],
    decision: ['accept', 'reject'],
  }
  return ({ pattern, name }) => [...(pattern ? (byPattern[pattern] ?? []) : []), ...(name ? (byName[name] ?? []) : [])]
}

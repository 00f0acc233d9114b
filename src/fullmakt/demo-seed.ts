import type { Database } from '../db/database.ts'
import { demoFamily, demoPersons } from '../demo/persons.ts'
import { addMissingPersons } from '../demo/repo.ts'
import { addRelation, authorisationsOf } from './repo.ts'
import { createAuthorisation } from './service.ts'

const dnb = '984851006'
const yearMs = 365 * 24 * 3600 * 1000

/**
 * The demo's representation (ADR 0013): the Dahl family (both parents act for their daughter until she turns 18),
 * Arne Vik as guardian (verge) for Nora Eide Solberg, and Ingrid Fjellheim's authorisation for Lars Bakken Strøm
 * to see and revoke her consents to DNB for a year. Safe to run again: nothing is added twice.
 */
export async function seedDemoRepresentation(tx: Database, now: Date): Promise<void> {
  const { mother, father, child } = demoFamily
  // Step 1 adds every demo person to a new installation; one seeded before the family came gets them here.
  await addMissingPersons(tx, [mother, father, child])
  for (const parent of [mother, father])
    await addRelation(
      tx,
      {
        kind: 'parent',
        representativeFnr: parent.fnr,
        representedFnr: child.fnr,
        validFrom: null,
        validTo: null,
        source: 'demo',
      },
      now,
    )
  const [ingrid, lars, , arne, nora] = demoPersons
  await addRelation(
    tx,
    {
      kind: 'guardian',
      representativeFnr: arne!.fnr,
      representedFnr: nora!.fnr,
      validFrom: now,
      validTo: null,
      source: 'demo',
    },
    now,
  )
  const given = await authorisationsOf(tx, ingrid!.fnr, 'giver')
  if (given.some((row) => row.representativeFnr === lars!.fnr)) return
  const input = {
    representative: lars!.fnr,
    scope: 'view-and-revoke' as const,
    accept: false,
    orgnrs: [dnb],
    validFrom: undefined,
    validTo: new Date(now.getTime() + yearMs),
  }
  await createAuthorisation(tx, ingrid!.fnr, input, now)
}

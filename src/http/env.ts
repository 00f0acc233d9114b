import type { Caller } from '../auth/caller.ts'
import type { CitizenSession } from '../auth/citizen-login/session.ts'
import type { Database } from '../db/database.ts'
import type { OrganisationActor } from '../organisation-roles/acting-for.ts'

/** What every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string
    db: Database
    caller: Caller | undefined
    citizenSession: CitizenSession | undefined
    /** On /org/{orgnr} pages: the logged-in person acting for that organisation, with the roles they hold there. */
    organisationActor: OrganisationActor | undefined
    /** A streamed response that still reads the database: the request's database lease is kept until it settles. */
    databaseHeldUntil: Promise<void> | undefined
  }
}

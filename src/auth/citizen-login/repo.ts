import { and, asc, eq, lt } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import { citizenSessions, persons } from '../../db/schema/index.ts'

export type CitizenSessionRow = typeof citizenSessions.$inferSelect

export async function insertSession(db: Database, row: CitizenSessionRow): Promise<void> {
  await db.insert(citizenSessions).values(row)
}

export async function findSession(db: Database, id: string): Promise<CitizenSessionRow | undefined> {
  const [row] = await db.select().from(citizenSessions).where(eq(citizenSessions.id, id))
  return row
}

export async function extendSession(db: Database, id: string, expiresAt: Date): Promise<void> {
  await db.update(citizenSessions).set({ expiresAt }).where(eq(citizenSessions.id, id))
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.delete(citizenSessions).where(eq(citizenSessions.id, id))
}

/** Removes a citizen's expired sessions (uses the fnr index): run at each login, so no table grows without end. */
export async function deleteExpiredSessionsOf(db: Database, fnr: string, now: Date): Promise<void> {
  await db.delete(citizenSessions).where(and(eq(citizenSessions.fnr, fnr), lt(citizenSessions.expiresAt, now)))
}

export async function findPersonName(db: Database, fnr: string): Promise<string | undefined> {
  const [person] = await db.select({ name: persons.name }).from(persons).where(eq(persons.fnr, fnr))
  return person?.name
}

export async function listPersons(db: Database, limit: number): Promise<{ fnr: string; name: string }[]> {
  return db.select({ fnr: persons.fnr, name: persons.name }).from(persons).orderBy(asc(persons.name)).limit(limit)
}

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { type Database, queryRows } from './database.ts'

const migrationsFolder = fileURLToPath(new URL('../../drizzle/', import.meta.url))

interface Journal {
  entries: { idx: number; tag: string }[]
}

/**
 * Applies the drizzle-kit migrations in `drizzle/` that this database has not seen yet.
 * Our own runner rather than drizzle's migrator: it takes an advisory lock, so instances starting together on one
 * database migrate once, and it runs the SQL in the connection's schema (tests give each file its own schema).
 * See docs/adr/0002-migrations.md.
 */
export async function migrate(db: Database): Promise<string[]> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal
  const migrations = await Promise.all(
    journal.entries.map(async (entry) => {
      const text = await readFile(path.join(migrationsFolder, `${entry.tag}.sql`), 'utf8')
      return { tag: entry.tag, text, hash: createHash('sha256').update(text).digest('hex') }
    }),
  )
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('deling:migrations'))`)
    await tx.execute(
      sql`create table if not exists deling_migrations (tag text primary key, hash text not null, applied_at timestamptz not null default now())`,
    )
    const applied = new Map(
      (await queryRows<{ tag: string; hash: string }>(tx, sql`select tag, hash from deling_migrations`)).map((row) => [
        row.tag,
        row.hash,
      ]),
    )
    const newlyApplied: string[] = []
    for (const migration of migrations) {
      const known = applied.get(migration.tag)
      if (known) {
        if (known !== migration.hash) throw new Error(`migration ${migration.tag} was changed after it was applied`)
        continue
      }
      for (const statement of migration.text.split('--> statement-breakpoint')) {
        // drizzle-kit qualifies foreign keys with "public"; unqualified names follow the connection's search_path.
        const unqualified = statement.replaceAll('"public".', '').trim()
        if (unqualified) await tx.execute(sql.raw(unqualified))
      }
      await tx.execute(sql`insert into deling_migrations (tag, hash) values (${migration.tag}, ${migration.hash})`)
      newlyApplied.push(migration.tag)
    }
    return newlyApplied
  })
}

import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Database } from './database.ts'

/**
 * A query of a hot path, prepared on the database server. drizzle sends every other query as an unnamed
 * statement, which Postgres parses and plans again each time: for a primary-key read that planning cost Postgres
 * about 150 µs of CPU, several times the read itself (docs/performance.md). A prepared statement is planned once
 * per connection (postgres.js names and keeps it; the name given here only tells drizzle to prepare). Only for queries whose text never changes (placeholders, no lists), so that each connection keeps
 * a handful of them. The drizzle query is built once per database handle or transaction.
 */
export function preparedQuery<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const built = new WeakMap<Database, Query>()
  return (db) => {
    let query = built.get(db)
    if (!query) {
      query = build(db)
      built.set(db, query)
    }
    return query
  }
}

const dialect = new PgDialect()

/**
 * Raw SQL as a prepared statement, for the statements drizzle's query builder cannot say (`db.execute` never
 * prepares). Its parameters are `sql.placeholder(name)`s, filled by `execute({ name: value })`. Cast a parameter
 * through `::text` when the SQL casts it further: a prepared parameter takes the type Postgres infers for it, and
 * postgres.js would then encode a JSON string as JSON a second time.
 */
export function preparedStatement(name: string, query: SQL) {
  const compiled = dialect.sqlToQuery(query)
  return preparedQuery((db) => db._.session.prepareQuery(compiled, undefined, name, false))
}

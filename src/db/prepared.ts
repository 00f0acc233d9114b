import type { Database } from './database.ts'

/**
 * A query of a hot path, prepared on the database server. drizzle sends every other query as an unnamed
 * statement, which Postgres parses and plans again each time: for a primary-key read that planning cost Postgres
 * about 150 µs of CPU, several times the read itself (docs/performance.md). A named statement is planned once per
 * connection. Only for queries whose text never changes (placeholders, no lists), so that each connection keeps
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

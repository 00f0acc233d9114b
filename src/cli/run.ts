import { existsSync } from 'node:fs'
import path from 'node:path'
import { type Config, loadConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { openDatabase } from '../db/open.ts'
import { type CommandLine, parseCommandLine } from './args.ts'
import type { Command } from './command.ts'
import { describeFailure } from './errors.ts'
import { helpText } from './help.ts'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
}

/**
 * Runs one operator command against the configured database, the way the server opens it, and returns the exit
 * code: 0 done, 1 refused or failed (and nothing changed), 2 the command line is wrong.
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let command: Command | undefined
  try {
    const commandLine: CommandLine = parseCommandLine(argv)
    if (commandLine.kind === 'help') {
      io.stdout(helpText(commandLine.group))
      return 0
    }
    command = commandLine.command
    const config = loadConfig(env)
    const result = await withDatabase(config, io, (db) =>
      commandLine.command.run({ db, config, clock: () => new Date() }, commandLine.input),
    )
    io.stdout(commandLine.json ? JSON.stringify(result.data, null, 2) : result.text)
    return 0
  } catch (error) {
    const { lines, code } = describeFailure(error, command?.argumentNames)
    io.stderr([`deling: ${lines[0]}`, ...lines.slice(1)].join('\n'))
    return code
  }
}

async function withDatabase<Result>(
  config: Config,
  io: CliIo,
  work: (db: Database) => Promise<Result>,
): Promise<Result> {
  if (!config.databaseUrl) {
    const folder = path.resolve(config.dataDir, 'pglite')
    if (!existsSync(folder)) io.stderr(`deling: no database in ${folder} yet: creating an empty one`)
  }
  const database = await openDatabase(config)
  try {
    const applied = await migrate(database.db)
    if (applied.length) io.stderr(`deling: applied database migrations ${applied.join(', ')}`)
    return await work(database.db)
  } finally {
    await database.close()
  }
}

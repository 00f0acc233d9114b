import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import type { ArgumentNames } from './errors.ts'
import type { CommandResult } from './output.ts'

export interface CommandContext {
  db: Database
  config: Config
  clock: () => Date
}

export interface CommandInput {
  positionals: string[]
  options: Record<string, string | undefined>
}

export interface OptionSpec {
  name: string
  /** Placeholder shown in help, e.g. `<orgnr>`. */
  value: string
  description: string
  required?: boolean
}

/** One operator command, such as `client add`: what it takes, how help describes it, and what it does. */
export interface Command {
  words: readonly [group: string, action: string]
  /** Positional arguments in order; with `restJoins`, the last one takes the remaining words joined by spaces. */
  positionals: readonly string[]
  restJoins?: boolean
  options: readonly OptionSpec[]
  summary: string
  /** The synopsis when the generated one (positionals, then options) would not say enough. */
  usage?: string
  /** Top-level field of a validation error → the argument the operator typed. */
  argumentNames?: ArgumentNames
  run(context: CommandContext, input: CommandInput): Promise<CommandResult>
}

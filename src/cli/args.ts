import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { Command, CommandInput } from './command.ts'
import { clientCommands } from './commands/clients.ts'
import { issuerCommands } from './commands/issuers.ts'
import { keyCommands } from './commands/keys.ts'
import { organisationCommands } from './commands/organisations.ts'
import { redirectOriginCommands } from './commands/redirect-origins.ts'
import { roleCommands } from './commands/roles.ts'
import { UsageError } from './errors.ts'

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  ...organisationCommands,
  ...clientCommands,
  ...roleCommands,
  ...redirectOriginCommands,
  ...keyCommands,
  ...issuerCommands,
]

export const groups = [...new Set(commands.map((command) => command.words[0]))]

export type CommandLine =
  | { kind: 'help'; group: string | undefined }
  | { kind: 'run'; command: Command; input: CommandInput; json: boolean }

const optionNames = [...new Set(commands.flatMap((command) => command.options.map((option) => option.name)))]
const parseOptions: ParseArgsConfig['options'] = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(optionNames.map((name) => [name, { type: 'string' as const }])),
}

/** Reads the command line into a command and its input; anything wrong with it is a UsageError (exit code 2). */
export function parseCommandLine(argv: string[]): CommandLine {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options: parseOptions, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const [group, action, ...rest] = parsed.positionals
  const values = parsed.values as Record<string, string | boolean | undefined>
  if (group === 'help') return { kind: 'help', group: action && groups.includes(action) ? action : undefined }
  if (group === undefined) return { kind: 'help', group: undefined }
  if (!groups.includes(group)) throw new UsageError(`unknown command "${group}"`)
  if (values.help) return { kind: 'help', group }

  const inGroup = commands.filter((command) => command.words[0] === group)
  const command = inGroup.find((candidate) => candidate.words[1] === action)
  if (!command) {
    const known = inGroup.map((candidate) => candidate.words[1]).join(', ')
    throw new UsageError(
      action ? `unknown command "${group} ${action}" (${group} commands: ${known})` : `${group} what? (${known})`,
    )
  }
  const name = command.words.join(' ')

  const allowed = new Set(['json', 'help', ...command.options.map((option) => option.name)])
  const foreign = Object.keys(values).filter((option) => !allowed.has(option))
  if (foreign.length) throw new UsageError(`${name} does not take ${foreign.map((option) => `--${option}`).join(', ')}`)
  const missing = command.options.filter((option) => option.required && values[option.name] === undefined)
  if (missing.length) throw new UsageError(`${name} needs ${missing.map((option) => `--${option.name}`).join(', ')}`)

  const wanted = command.positionals.length
  if (rest.length < wanted || (rest.length > wanted && !command.restJoins)) {
    throw new UsageError(`usage: ${usage(command)}`)
  }
  const positionals = command.restJoins ? [...rest.slice(0, wanted - 1), rest.slice(wanted - 1).join(' ')] : rest

  const options = Object.fromEntries(command.options.map((option) => [option.name, values[option.name] as string]))
  return { kind: 'run', command, input: { positionals, options }, json: values.json === true }
}

/** The command's synopsis, e.g. `org add <orgnr> <name>`. */
export function usage(command: Command): string {
  if (command.usage) return command.usage
  const parts = [
    ...command.words,
    ...command.positionals.map((positional) => `<${positional}>`),
    ...command.options.map((option) =>
      option.required ? `--${option.name} ${option.value}` : `[--${option.name} ${option.value}]`,
    ),
  ]
  return parts.join(' ')
}

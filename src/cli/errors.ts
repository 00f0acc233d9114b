import type { z } from '@hono/zod-openapi'
import { ConfigError } from '../config.ts'
import { DataDirectoryInUse } from '../db/pglite-lock.ts'
import { isDatabaseUnavailable } from '../http/errors.ts'
import { jsonPointer, Problem } from '../http/problem.ts'

/** The command line itself is wrong (unknown command or option, missing argument): exit code 2. */
export class UsageError extends Error {}

/** The command could not be done for a reason the operator can fix (unreadable file, server running): exit code 1. */
export class CliError extends Error {}

/**
 * Parses input with the same zod schema the admin API uses, so the CLI accepts exactly what the API accepts.
 * A failure becomes the API's `validation-failed` problem, with one JSON pointer per bad field.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const errors = result.error.issues.map((issue) => ({
    in: 'body' as const,
    pointer: jsonPointer(issue.path),
    detail: issue.message,
  }))
  const noun = errors.length === 1 ? 'value is' : 'values are'
  throw new Problem(400, 'validation-failed', `${errors.length} ${noun} not valid`, { errors })
}

/** Maps a problem's top-level field (`/orgnr`) to the argument the operator typed (`--org`). */
export type ArgumentNames = Record<string, string>

/** The lines to print on stderr for a failed command, and the exit code. */
export function describeFailure(error: unknown, argumentNames: ArgumentNames = {}): { lines: string[]; code: number } {
  if (error instanceof UsageError) {
    return { lines: [error.message, 'Run "npm run deling -- help" for the commands and their options.'], code: 2 }
  }
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirectoryInUse)
    return { lines: [error.message], code: 1 }
  if (error instanceof Problem) {
    const lines = [error.detail ?? error.message]
    for (const fieldError of error.options.errors ?? []) {
      const field = fieldError.pointer.split('/')[1] ?? ''
      const argument = argumentNames[field]
      lines.push(`  ${fieldError.pointer || '/'}${argument ? ` (${argument})` : ''}: ${fieldError.detail}`)
    }
    return { lines, code: 1 }
  }
  if (isDatabaseUnavailable(error)) {
    return { lines: [`cannot reach the database: ${(error as Error).message}`], code: 1 }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { lines: [`unexpected error: ${message}`], code: 1 }
}

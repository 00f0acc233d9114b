import { delingScopes } from '../auth/scopes.ts'
import { commands, usage } from './args.ts'

const groupTitles: Record<string, string> = {
  org: 'Organisations',
  client: 'API clients',
  role: 'Roles of people in organisations (the portal)',
  origin: 'Redirect origins of consent requests',
  key: "Deling's token signing key",
  issuer: 'Trusted external issuers (e.g. Maskinporten)',
}

/** The database note is also the README's: the operator must know why the CLI refuses while the server runs. */
export const databaseNote = `The CLI opens the database the server would (DATABASE_URL, or else the embedded PGlite database
under DATA_DIR, default .data) and applies pending migrations, then calls the same services as the admin API.
  - With DATABASE_URL (Postgres) it works while servers run.
  - The embedded PGlite database is single-process: while a server has DATA_DIR open, the CLI cannot use it
    (changes would be lost). Stop the server first, or use the admin API (/admin/..., scope deling:admin).`

/** Help for every command, or for one group (`help client`). */
export function helpText(group?: string): string {
  const lines = ['Deling operator CLI', '', 'Usage: npm run deling -- <command> [options] [--json]', '']
  for (const [name, title] of Object.entries(groupTitles)) {
    if (group && group !== name) continue
    lines.push(`${title}:`)
    for (const command of commands.filter((candidate) => candidate.words[0] === name)) {
      lines.push(`  ${usage(command)}`, `      ${command.summary}`)
      for (const option of command.options) {
        lines.push(`      --${`${option.name} ${option.value}`.padEnd(20)} ${option.description}`)
      }
    }
    lines.push('')
  }
  lines.push(
    'Every command:',
    '  --json        print the result as JSON on stdout (the admin API shapes)',
    '  --help, -h    this help; "help <group>" for one group',
    '',
    `Scopes: ${Object.keys(delingScopes).join(', ')}`,
    '',
    'Database:',
    ...databaseNote.split('\n').map((line) => `  ${line}`),
    '',
    'Exit codes: 0 done; 1 refused or failed (nothing was changed); 2 the command line is wrong.',
    '',
    'Examples:',
    '  npm run deling -- org add 889640782 NAV',
    '  npm run deling -- client add --org 889640782 --name "NAV dagpenger" \\',
    '      --scopes deling:gateway,deling:consent.request --generate-key nav.jwk.json',
    '  npm run deling -- client list --org 889640782 --json',
  )
  return lines.join('\n')
}

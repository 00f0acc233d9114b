import { runCli } from './run.ts'

// `npm run deling -- <command>`: see src/cli/help.ts, or run it with `help`.
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
})

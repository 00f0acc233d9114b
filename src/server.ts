import { ConfigError, loadConfig } from './config.ts'
import { DataDirectoryInUse } from './db/pglite-lock.ts'
import { type DemoSummary, describeDemo, seedDemo } from './demo/seed.ts'
import { createLogger } from './http/logger.ts'
import { flushStdoutLines, stdoutLines } from './http/stdout-lines.ts'
import { startNodeHost } from './node-host.ts'
import { version } from './version.ts'

async function main() {
  const config = loadConfig(process.env)
  const logger = createLogger(config.logLevel, stdoutLines())
  let demo: DemoSummary | undefined
  const host = await startNodeHost({
    config,
    logger,
    prepare: config.seedDemo
      ? async (deps) => {
          demo = await seedDemo(deps.database().db, {
            dataDir: config.dataDir,
            logger,
            publicUrl: deps.config.publicUrl,
          })
        }
      : undefined,
  })
  logger.info('deling started', {
    url: host.url,
    database: config.databaseUrl ? 'postgres' : `pglite (${config.dataDir}/pglite)`,
  })
  // A human starting `npm start` wants to know where to click, not only a JSON line.
  flushStdoutLines()
  console.log(`
  Deling ${version} is running at ${config.publicUrl}
    portal          ${config.publicUrl}/
    API docs        ${config.publicUrl}/docs
    OpenAPI         ${config.publicUrl}/openapi.json
    issuer          ${config.issuer}/.well-known/openid-configuration
`)
  if (demo) console.log(describeDemo(demo))
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('stopping', { signal })
    host.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error('error while stopping', { error: error.message })
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: Error) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryInUse) console.error(error.message)
  else console.error(error)
  process.exit(1)
})

import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { JWK } from 'jose'
import { addClient, type Client, findClient, replaceClientKeys } from '../auth/clients.ts'
import { addRedirectOrigin, isRegisteredRedirect } from '../auth/redirect-origins.ts'
import { addAccessRule } from '../catalog/access-rules.ts'
import { findDatasetBySource, loadDatasets } from '../catalog/datasets.repo.ts'
import { createDataset, updateDataset } from '../catalog/datasets.ts'
import { findLifeEvent, lifeEventUri } from '../catalog/life-events.ts'
import { addOrganisation, findOrganisation } from '../catalog/organisations.ts'
import { checkProducerOpenApi } from '../catalog/producer-openapi.ts'
import { generateClientKey, readPrivateJwk, replaceFile, replacePrivateJwk } from '../cli/client-key.ts'
import type { Database } from '../db/database.ts'
import { retryConcurrentChange } from '../db/errors.ts'
import { seedDemoRepresentation } from '../fullmakt/demo-seed.ts'
import type { Logger } from '../http/logger.ts'
import { heldRoles } from '../organisation-roles/repo.ts'
import { grantRole } from '../organisation-roles/service.ts'
import { type DemoDataset, demoDatasets, demoRule } from './catalog.ts'
import { type DemoClientSpec, demoClients, demoOrganisations, demoRedirectOrigins } from './clients.ts'
import { seedDemoConsents } from './consents.ts'
import { type DemoPerson, demoPersons } from './persons.ts'
import { pointDemoProducer } from './producer-endpoint.ts'
import { addMissingPersons, lockDemoSeed, readSeedVersion, writeSeedMarker } from './repo.ts'
import { demoRoles } from './roles.ts'

const maxDemoKeys = 5

/** The seed step that tags the demo datasets with life events; a database seeded before it gets them then. */
export const lifeEventSeedVersion = 6

/** One entry of `<dataDir>/demo/clients.json`: what a demo script needs to get a token as this client. */
export interface DemoClientEntry {
  client_id: string
  orgnr: string
  name: string
  scopes: string[]
  /** The private JWK, relative to the project root (the working directory), or absolute when outside it. */
  jwk_file: string
}

export interface DemoSummary {
  /** The seed version the database is at now. */
  version: number
  /** Seed versions applied by this call: empty when an earlier start had applied them. */
  applied: number[]
  clients: DemoClientEntry[]
  persons: DemoPerson[]
  /** Clients that got a new key in this call (new clients, and key files that were missing or stale). */
  newKeys: string[]
  /** Absolute paths of what was written. */
  files: { clients: string; persons: string; keys: string }
}

export interface SeedOptions {
  dataDir: string
  logger: Logger
  /** The project root that `jwk_file` paths are relative to; default the working directory. */
  cwd?: string
  /** Deling's public URL: the demo income dataset's data service is the demo producer under it. */
  publicUrl?: string
}

interface SeedContext {
  tx: Database
  publicUrl: string | undefined
  keysDir: string
  logger: Logger
  newKeys: string[]
}

/**
 * Versioned seed steps. A later issue adds `{ version: 2, … }`; an installation at version 1 then gets only that.
 * Each step uses upserts as well, so a lost marker never duplicates anything.
 */
const steps: { version: number; apply(context: SeedContext): Promise<void> }[] = [
  {
    version: 1,
    async apply({ tx, keysDir, logger, newKeys }) {
      for (const organisation of demoOrganisations) {
        if (!(await findOrganisation(tx, organisation.orgnr))) await addOrganisation(tx, organisation)
      }
      for (const spec of demoClients) {
        if (await findClient(tx, spec.clientId)) continue
        const key = await generateClientKey()
        await replacePrivateJwk(keyFile(keysDir, spec), key.privateJwk)
        await addClient(tx, { ...spec, jwks: { keys: [key.publicJwk as PublicKey] } })
        newKeys.push(spec.clientId)
        logger.debug('demo client created', { clientId: spec.clientId })
      }
      await addMissingPersons(tx, demoPersons)
    },
  },
  {
    version: 2,
    async apply({ tx, logger }) {
      for (const demo of demoDatasets) {
        if (await findDatasetBySource(tx, demo.publisher, demo.key)) continue
        const write = {
          actor: { orgnr: demo.publisher, clientId: undefined, via: 'seed' as const },
          now: new Date(),
          checkProducerApi: checkProducerOpenApi,
        }
        const dataset = await createDataset(tx, write, demo.dataset, demo.key)
        const legalBasisIds = dataset.legalBases.map((basis) => basis.id)
        for (const rule of demo.rules)
          await addAccessRule(tx, write.actor, dataset.id, demoRule(rule, legalBasisIds), write.now)
        logger.debug('demo dataset created', { datasetId: dataset.id, key: demo.key })
      }
    },
  },
  {
    version: 3,
    // The income dataset gets a producer that answers: the demo producer on this host (src/demo/producer.ts).
    async apply({ tx, publicUrl }) {
      if (publicUrl) await pointDemoProducer(tx, publicUrl)
    },
  },
  {
    version: 4,
    // ADR 0011: consent requests redirect only to registered origins.
    async apply({ tx }) {
      for (const { orgnr, origin } of demoRedirectOrigins) {
        if (!(await isRegisteredRedirect(tx, orgnr, origin))) await addRedirectOrigin(tx, orgnr, origin)
      }
    },
  },
  {
    version: 5,
    // The demo's people get roles in the demo organisations, for the portal's journeys (/org).
    async apply({ tx }) {
      const seeder = { kind: 'operator', clientId: 'deling-demo-seed' } as const
      for (const { pid, orgnr, role } of demoRoles) {
        if (!(await heldRoles(tx, pid, orgnr)).includes(role))
          await grantRole(tx, orgnr, { pid, role }, seeder, new Date())
      }
    },
  },
  {
    version: lifeEventSeedVersion,
    // ADR 0012: the demo datasets name the life events they serve, so /life-events shows real sharing.
    async apply({ tx, publicUrl }) {
      for (const demo of demoDatasets) await tagLifeEvents(tx, demo, publicUrl)
    },
  },
  {
    version: 7,
    // ADR 0013: a family (parents act for their minor daughter), a guardianship and an authorisation, for /me.
    async apply({ tx }) {
      await seedDemoRepresentation(tx, new Date())
    },
  },
  {
    version: 8,
    // Consents on "my page": one accepted, one waiting, one about a child for the parents (src/demo/consents.ts).
    async apply({ tx, publicUrl }) {
      if (publicUrl) await seedDemoConsents(tx, publicUrl, new Date())
    },
  },
]

/** Gives a demo dataset its life events, unless it has them or was deleted (a later edit by hand wins). */
async function tagLifeEvents(tx: Database, demo: DemoDataset, publicUrl: string | undefined) {
  const row = await findDatasetBySource(tx, demo.publisher, demo.key)
  if (!row || row.deletedAt || !demo.lifeEvents.length) return
  const [stored] = await loadDatasets(tx, [row.id])
  if (!stored || stored.lifeEvents.length) return
  // The keys are what search and the pages use; the URIs name this host, or the default one without a known URL.
  const base = publicUrl ?? 'http://127.0.0.1:8080'
  const lifeEvents = demo.lifeEvents.flatMap((key) => {
    const event = findLifeEvent(key)
    return event ? [lifeEventUri(event, base)] : []
  })
  const { id, publisher, version, createdAt, updatedAt, ...description } = stored
  const write = {
    actor: { orgnr: demo.publisher, clientId: undefined, via: 'seed' as const },
    now: new Date(),
    checkProducerApi: checkProducerOpenApi,
    publicUrl,
  }
  await updateDataset(tx, write, id, { ...description, lifeEvents }, version)
}

export const demoSeedVersion = Math.max(...steps.map((step) => step.version))

type PublicKey = Client['jwks']['keys'][number]

const keyFile = (keysDir: string, spec: DemoClientSpec) => path.join(keysDir, `${spec.clientId}.jwk.json`)

/** Does the private key on disk belong to one of the client's registered public keys? */
const keyMatches = (privateJwk: JWK, client: Client) =>
  client.jwks.keys.some(
    (key) =>
      key.kid === privateJwk.kid && key.x === privateJwk.x && key.y === privateJwk.y && key.crv === privateJwk.crv,
  )

/**
 * A key file that is missing or holds a key the database does not know (another DATA_DIR seeded the same Postgres,
 * or a transaction that wrote it was rolled back) gets a new key, so the files on disk always work.
 */
async function ensureKeyFiles(context: SeedContext): Promise<Client[]> {
  const present: Client[] = []
  for (const spec of demoClients) {
    let client = await findClient(context.tx, spec.clientId)
    if (!client) continue
    const file = keyFile(context.keysDir, spec)
    const privateJwk = await readPrivateJwk(file)
    if (!privateJwk || !keyMatches(privateJwk, client)) {
      const key = await generateClientKey()
      await replacePrivateJwk(file, key.privateJwk)
      // Added, not replaced: another DATA_DIR on the same Postgres keeps working with its own key file.
      const kept = client.jwks.keys.slice(-(maxDemoKeys - 1))
      client = await replaceClientKeys(context.tx, spec.clientId, { keys: [...kept, key.publicJwk as PublicKey] })
      context.newKeys.push(spec.clientId)
      context.logger.warn('demo client key file missing or stale: generated a new key', {
        clientId: spec.clientId,
        file,
      })
    }
    present.push(client)
  }
  return present
}

/** Paths in the demo files are relative to the project root when they lie inside it, as the README's commands use. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/**
 * Seeds the demo installation: the four demo organisations, a client for each with a fresh ES256 key (private JWK
 * under `<dataDir>/demo/keys/`, for demos only), and synthetic citizens; then writes `clients.json` and
 * `persons.json` under `<dataDir>/demo/`. Safe to run at every start and from several instances at once.
 */
export async function seedDemo(db: Database, options: SeedOptions): Promise<DemoSummary> {
  const cwd = options.cwd ?? process.cwd()
  const demoDir = path.resolve(cwd, options.dataDir, 'demo')
  const keysDir = path.join(demoDir, 'keys')
  const files = {
    clients: path.join(demoDir, 'clients.json'),
    persons: path.join(demoDir, 'persons.json'),
    keys: keysDir,
  }
  await mkdir(keysDir, { recursive: true, mode: 0o700 })

  // Publications made through the API while the seed writes its datasets can deadlock with it (ADR 0017): Postgres
  // then rolls one transaction back. The seed's is all or nothing, so it starts again.
  return retryConcurrentChange(() => seedOnce(db, options, { cwd, files, keysDir }))
}

async function seedOnce(
  db: Database,
  options: SeedOptions,
  { cwd, files, keysDir }: { cwd: string; files: DemoSummary['files']; keysDir: string },
): Promise<DemoSummary> {
  return db.transaction(async (tx) => {
    // Files are written while the lock is held: an instance waiting for it then finds them complete and current.
    await lockDemoSeed(tx)
    const context: SeedContext = { tx, publicUrl: options.publicUrl, keysDir, logger: options.logger, newKeys: [] }
    const before = await readSeedVersion(tx)
    const pending = steps.filter((step) => step.version > before)
    for (const step of pending) await step.apply(context)
    if (pending.length) {
      await writeSeedMarker(tx, { version: demoSeedVersion, appliedAt: new Date().toISOString() })
      options.logger.info('demo seed applied', { versions: pending.map((step) => step.version) })
    } else if (options.publicUrl) await pointDemoProducer(tx, options.publicUrl)

    const clients: DemoClientEntry[] = (await ensureKeyFiles(context)).map((client) => ({
      client_id: client.clientId,
      orgnr: client.orgnr,
      name: client.name,
      scopes: client.scopes,
      jwk_file: displayPath(path.join(keysDir, `${client.clientId}.jwk.json`), cwd),
    }))
    const persons = demoPersons.map(({ fnr, name }) => ({ fnr, name }))
    await replaceFile(files.clients, `${JSON.stringify(clients, null, 2)}\n`)
    await replaceFile(files.persons, `${JSON.stringify(persons, null, 2)}\n`)
    return {
      version: Math.max(before, demoSeedVersion),
      applied: pending.map((step) => step.version),
      clients,
      persons,
      newKeys: context.newKeys,
      files,
    }
  })
}

/** The lines the server prints at start, so a person trying Deling finds the demo clients and citizens. */
export function describeDemo(summary: DemoSummary, cwd = process.cwd()): string {
  return [
    `  Demo data (seed version ${summary.version}; DELING_DEMO=0 turns it off)`,
    `    clients         ${displayPath(summary.files.clients, cwd)}  (${summary.clients.map((client) => client.client_id).join(', ')})`,
    `    client keys     ${displayPath(summary.files.keys, cwd)}  (private keys for demos only: never use them in production)`,
    `    citizens        ${displayPath(summary.files.persons, cwd)}  (${summary.persons.length} synthetic persons)`,
  ].join('\n')
}

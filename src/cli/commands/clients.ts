import { readFile, unlink } from 'node:fs/promises'
import { z } from '@hono/zod-openapi'
import { ClientId, NewClientSchema } from '../../auth/admin.schemas.ts'
import { addClient, type Client, disableClient, getClient, listClients } from '../../auth/clients.ts'
import { Orgnr } from '../../catalog/organisation.schemas.ts'
import { type ClientKeyPair, generateClientKey, writeNewPrivateJwk } from '../client-key.ts'
import type { Command } from '../command.ts'
import { CliError, parseInput, UsageError } from '../errors.ts'
import { fields, table, timestamp } from '../output.ts'

/** A JWKS file, or a file with one bare JWK (then taken as a set of one). */
async function readJwksFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read the JWKS file ${file}: ${(error as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CliError(`the JWKS file ${file} is not JSON: ${(error as Error).message}`)
  }
  const bareKey = typeof parsed === 'object' && parsed !== null && 'kty' in parsed && !('keys' in parsed)
  return bareKey ? { keys: [parsed] } : parsed
}

const splitScopes = (scopes: string | undefined) => (scopes ?? '').split(/[\s,]+/).filter(Boolean)

const status = (client: Client) => (client.disabledAt ? `disabled ${timestamp(client.disabledAt)}` : 'active')

function describeClient(client: Client): string {
  return fields([
    ['client id', client.clientId],
    ['orgnr', client.orgnr],
    ['name', client.name],
    ['scopes', client.scopes.join(' ')],
    ['keys', client.jwks.keys.map((key) => key.kid ?? `(${key.kty} key without kid)`).join(' ')],
    ['status', status(client)],
  ])
}

const addClientCommand: Command = {
  words: ['client', 'add'],
  positionals: [],
  options: [
    { name: 'org', value: '<orgnr>', description: 'the organisation the client belongs to', required: true },
    { name: 'name', value: '<name>', description: 'a name that says what the client is for', required: true },
    { name: 'scopes', value: '<a,b>', description: 'allowed scopes, comma-separated', required: true },
    { name: 'jwks', value: '<file>', description: 'public JWKS (or one public JWK) of a key the client holds' },
    {
      name: 'generate-key',
      value: '<file>',
      description: 'make an ES256 key pair; write the private JWK to <file> (mode 0600), store the public key',
    },
  ],
  summary: 'Register an API client of an organisation (private_key_jwt: Deling stores public keys only)',
  usage: 'client add --org <orgnr> --name <name> --scopes <a,b> (--jwks <file> | --generate-key <file>)',
  argumentNames: { orgnr: '--org', name: '--name', scopes: '--scopes', jwks: '--jwks' },
  async run({ db }, { options }) {
    const privateKeyFile = options['generate-key']
    if ((options.jwks === undefined) === (privateKeyFile === undefined)) {
      throw new UsageError('client add: give either --jwks <file> or --generate-key <file>')
    }
    let key: ClientKeyPair | undefined
    let jwks: unknown
    if (privateKeyFile) {
      key = await generateClientKey()
      jwks = { keys: [key.publicJwk] }
    } else {
      jwks = await readJwksFile(options.jwks!)
    }
    const input = parseInput(NewClientSchema, {
      orgnr: options.org,
      name: options.name,
      scopes: splitScopes(options.scopes),
      jwks,
    })

    if (!key || !privateKeyFile) {
      const client = await addClient(db, input)
      return { data: client, text: `Registered client ${client.clientId}\n${describeClient(client)}` }
    }
    // The key file first: a client whose private key was never written would be useless. If Deling then refuses
    // the client, the file goes again, so a failed command leaves nothing behind.
    try {
      await writeNewPrivateJwk(privateKeyFile, key.privateJwk)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'the file exists' : (error as Error).message
      throw new CliError(`cannot write the private key to ${privateKeyFile}: ${reason}`)
    }
    let client: Client
    try {
      client = await addClient(db, input)
    } catch (error) {
      await unlink(privateKeyFile).catch(() => {})
      throw error
    }
    return {
      data: { ...client, privateJwkFile: privateKeyFile },
      text: [
        `Registered client ${client.clientId}`,
        describeClient(client),
        `Private key written to ${privateKeyFile} (mode 0600). Keep it secret: Deling stores only the public key.`,
      ].join('\n'),
    }
  },
}

const listClientsCommand: Command = {
  words: ['client', 'list'],
  positionals: [],
  options: [{ name: 'org', value: '<orgnr>', description: "only this organisation's clients" }],
  summary: 'List API clients',
  argumentNames: { orgnr: '--org' },
  async run({ db }, { options }) {
    const filter = parseInput(z.object({ orgnr: Orgnr.optional() }), { orgnr: options.org })
    const items = await listClients(db, filter)
    return {
      data: { items },
      text: table(
        ['CLIENT ID', 'ORGNR', 'NAME', 'STATUS', 'SCOPES'],
        items.map((client) => [client.clientId, client.orgnr, client.name, status(client), client.scopes.join(' ')]),
        filter.orgnr ? `No clients for ${filter.orgnr}.` : 'No clients yet.',
      ),
    }
  },
}

const disableClientCommand: Command = {
  words: ['client', 'disable'],
  positionals: ['client-id'],
  options: [],
  summary: 'Disable a client: it gets no new tokens from now on',
  argumentNames: { clientId: '<client-id>' },
  async run({ db, clock }, { positionals: [clientId] }) {
    const input = parseInput(z.object({ clientId: ClientId }), { clientId })
    const before = await getClient(db, input.clientId)
    const client = await disableClient(db, input.clientId, clock())
    const text = before.disabledAt
      ? `Client ${client.clientId} was already disabled (since ${timestamp(before.disabledAt)}).`
      : `Disabled client ${client.clientId} (${client.name}, orgnr ${client.orgnr}). It gets no new tokens, and the tokens it holds stop working within about a second.`
    return { data: client, text }
  },
}

export const clientCommands = [addClientCommand, listClientsCommand, disableClientCommand]

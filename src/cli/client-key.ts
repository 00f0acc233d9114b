import { randomBytes } from 'node:crypto'
import { readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'

/** A client's ES256 key pair for `private_key_jwt` (RFC 7523): Deling keeps the public half only. */
export interface ClientKeyPair {
  kid: string
  privateJwk: JWK
  publicJwk: JWK
}

/** A new ES256 key pair whose `kid` is its RFC 7638 thumbprint, so the same key always has the same id. */
export async function generateClientKey(): Promise<ClientKeyPair> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  const { d, ...publicMembers } = await exportJWK(privateKey)
  const kid = await calculateJwkThumbprint(publicMembers)
  const common = { kid, alg: 'ES256', use: 'sig' }
  return { kid, privateJwk: { ...publicMembers, d, ...common }, publicJwk: { ...publicMembers, ...common } }
}

const privateFileMode = 0o600

/**
 * Writes a private JWK that only its owner can read (mode 0600). Refuses to overwrite an existing file: a private
 * key that someone still uses must never be lost by a typo.
 */
export async function writeNewPrivateJwk(file: string, jwk: JWK): Promise<void> {
  await writeFile(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: privateFileMode, flag: 'wx' })
}

/**
 * Writes a file by renaming a finished temporary file over it, so a reader (another instance starting at the same
 * time) sees the old content or the new, never half of it.
 */
export async function replaceFile(file: string, content: string, mode = 0o644): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temporary, content, { mode, flag: 'wx' })
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => {})
    throw error
  }
}

/** Replaces a private JWK file atomically, readable only by its owner. */
export const replacePrivateJwk = (file: string, jwk: JWK) =>
  replaceFile(file, `${JSON.stringify(jwk, null, 2)}\n`, privateFileMode)

/** The private JWK stored in `file`, or undefined when the file is missing or does not hold a private key. */
export async function readPrivateJwk(file: string): Promise<JWK | undefined> {
  try {
    const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK
    return typeof jwk === 'object' && jwk !== null && typeof jwk.d === 'string' ? jwk : undefined
  } catch {
    return undefined
  }
}

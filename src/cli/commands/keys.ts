import { rotateSigningKey } from '../../auth/keys.ts'
import type { Command } from '../command.ts'
import { timestamp } from '../output.ts'

/** Seconds past a token's lifetime that a retired key stays published: the admin API keeps the same margin. */
const rotationMarginSeconds = 300

const rotateKey: Command = {
  words: ['key', 'rotate'],
  positionals: [],
  options: [],
  summary: 'Start signing tokens with a new key; the old one stays published until its tokens have expired',
  async run({ db, config, clock }) {
    const now = clock()
    const retainSeconds = config.accessTokenTtl + rotationMarginSeconds
    const rotation = await rotateSigningKey(db, 'oidc', now, retainSeconds)
    const publishedUntil = new Date(now.getTime() + retainSeconds * 1000).toISOString()
    const retired = rotation.retired.length
      ? `Retired ${rotation.retired.join(', ')}: still published in /oidc/jwks until ${timestamp(publishedUntil)}.`
      : 'There was no active key to retire.'
    return {
      data: { ...rotation, retiredPublishedUntil: rotation.retired.length ? publishedUntil : null },
      text: `New signing key ${rotation.kid}.\n${retired}`,
    }
  },
}

export const keyCommands = [rotateKey]

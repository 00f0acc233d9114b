import { z } from '@hono/zod-openapi'
import { TrustedIssuerSchema } from '../../auth/admin.schemas.ts'
import { addTrustedIssuer, listTrustedIssuers, removeTrustedIssuer } from '../../auth/token-store.ts'
import type { Command } from '../command.ts'
import { parseInput } from '../errors.ts'
import { fields, table } from '../output.ts'

const addIssuer: Command = {
  words: ['issuer', 'add'],
  positionals: [],
  options: [
    { name: 'issuer', value: '<url>', description: "the issuer's identifier (its tokens' iss)", required: true },
    { name: 'jwks-uri', value: '<url>', description: 'where its signing keys are published', required: true },
    { name: 'audience', value: '<aud>', description: 'the aud its tokens must carry for Deling', required: true },
    { name: 'org-claim', value: '<path>', description: 'dotted claim path holding 0192:<orgnr> (default consumer.ID)' },
  ],
  summary: 'Accept access tokens from another authorization server, such as Maskinporten',
  argumentNames: {
    issuer: '--issuer',
    jwksUri: '--jwks-uri',
    audience: '--audience',
    organisationClaim: '--org-claim',
  },
  async run({ db }, { options }) {
    const input = parseInput(TrustedIssuerSchema, {
      issuer: options.issuer,
      jwksUri: options['jwks-uri'],
      audience: options.audience,
      organisationClaim: options['org-claim'],
    })
    const issuer = await addTrustedIssuer(db, input)
    return {
      data: issuer,
      text: `Trusting ${issuer.issuer}\n${fields([
        ['JWKS', issuer.jwksUri],
        ['audience', issuer.audience],
        ['organisation claim', issuer.organisationClaim],
      ])}`,
    }
  },
}

const listIssuers: Command = {
  words: ['issuer', 'list'],
  positionals: [],
  options: [],
  summary: 'List the trusted external issuers',
  async run({ db }) {
    const items = await listTrustedIssuers(db)
    return {
      data: { items },
      text: table(
        ['ISSUER', 'JWKS URI', 'AUDIENCE', 'ORG CLAIM'],
        items.map((issuer) => [issuer.issuer, issuer.jwksUri, issuer.audience, issuer.organisationClaim]),
        'No trusted external issuers: Deling accepts only its own tokens.',
      ),
    }
  },
}

const removeIssuer: Command = {
  words: ['issuer', 'remove'],
  positionals: ['url'],
  options: [],
  summary: 'Stop trusting an external issuer',
  argumentNames: { issuer: '<url>' },
  async run({ db }, { positionals: [url] }) {
    const { issuer } = parseInput(z.object({ issuer: TrustedIssuerSchema.shape.issuer }), { issuer: url })
    await removeTrustedIssuer(db, issuer)
    return { data: { issuer, removed: true }, text: `No longer trusting ${issuer}.` }
  },
}

export const issuerCommands = [addIssuer, listIssuers, removeIssuer]

import { z } from '@hono/zod-openapi'
import { NewRedirectOriginSchema } from '../../auth/admin.schemas.ts'
import { addRedirectOrigin, listRedirectOrigins, removeRedirectOrigin } from '../../auth/redirect-origins.ts'
import { Orgnr } from '../../catalog/organisation.schemas.ts'
import type { Command } from '../command.ts'
import { parseInput } from '../errors.ts'
import { table, timestamp } from '../output.ts'

const OriginInput = z.object({ orgnr: Orgnr }).extend(NewRedirectOriginSchema.shape)

const addOrigin: Command = {
  words: ['origin', 'add'],
  positionals: ['orgnr', 'origin'],
  options: [],
  summary: "Let the organisation's consent requests send citizens back to this origin (https://host[:port])",
  argumentNames: { orgnr: '<orgnr>', origin: '<origin>' },
  async run({ db }, { positionals: [orgnr, origin] }) {
    const input = parseInput(OriginInput, { orgnr, origin })
    const registered = await addRedirectOrigin(db, input.orgnr, input.origin)
    return { data: registered, text: `Registered ${registered.origin} as a redirect origin of ${registered.orgnr}` }
  },
}

const listOrigins: Command = {
  words: ['origin', 'list'],
  positionals: ['orgnr'],
  options: [],
  summary: "List the organisation's redirect origins",
  argumentNames: { orgnr: '<orgnr>' },
  async run({ db }, { positionals: [orgnr] }) {
    const input = parseInput(z.object({ orgnr: Orgnr }), { orgnr })
    const items = await listRedirectOrigins(db, input.orgnr)
    return {
      data: { items },
      text: table(
        ['ORIGIN', 'REGISTERED'],
        items.map((item) => [item.origin, timestamp(item.createdAt)]),
        `No redirect origins for ${input.orgnr}: its consent requests are refused until one is added.`,
      ),
    }
  },
}

const removeOrigin: Command = {
  words: ['origin', 'remove'],
  positionals: ['orgnr', 'origin'],
  options: [],
  summary: 'Stop redirecting citizens to this origin (consent requests already made keep theirs)',
  argumentNames: { orgnr: '<orgnr>', origin: '<origin>' },
  async run({ db }, { positionals: [orgnr, origin] }) {
    const input = parseInput(OriginInput, { orgnr, origin })
    await removeRedirectOrigin(db, input.orgnr, input.origin)
    return { data: { ...input, removed: true }, text: `Removed ${input.origin} from ${input.orgnr}.` }
  },
}

export const redirectOriginCommands = [addOrigin, listOrigins, removeOrigin]

import { NewOrganisationSchema } from '../../catalog/organisation.schemas.ts'
import { addOrganisation, listOrganisations } from '../../catalog/organisations.ts'
import type { Command } from '../command.ts'
import { parseInput } from '../errors.ts'
import { table, timestamp } from '../output.ts'

const addOrg: Command = {
  words: ['org', 'add'],
  positionals: ['orgnr', 'name'],
  restJoins: true,
  options: [],
  summary: 'Register an organisation (orgnr checked with its mod-11 control digit)',
  argumentNames: { orgnr: '<orgnr>', name: '<name>' },
  async run({ db }, { positionals: [orgnr, name] }) {
    const organisation = await addOrganisation(db, parseInput(NewOrganisationSchema, { orgnr, name }))
    return {
      data: organisation,
      text: `Registered ${organisation.name} (orgnr ${organisation.orgnr}, ${organisation.iso6523Id})`,
    }
  },
}

const listOrgs: Command = {
  words: ['org', 'list'],
  positionals: [],
  options: [],
  summary: 'List the organisations',
  async run({ db }) {
    const items = await listOrganisations(db)
    return {
      data: { items },
      text: table(
        ['ORGNR', 'NAME', 'ISO 6523', 'REGISTERED'],
        items.map((org) => [org.orgnr, org.name, org.iso6523Id, timestamp(org.createdAt)]),
        'No organisations yet: add one with "org add <orgnr> <name>".',
      ),
    }
  },
}

export const organisationCommands = [addOrg, listOrgs]

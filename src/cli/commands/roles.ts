import { z } from '@hono/zod-openapi'
import { Orgnr } from '../../catalog/organisation.schemas.ts'
import { NewRoleGrantSchema, RoleGrantId } from '../../organisation-roles/schemas.ts'
import { grantRole, listRoleGrants, revokeRole } from '../../organisation-roles/service.ts'
import type { Command } from '../command.ts'
import { parseInput } from '../errors.ts'
import { table, timestamp } from '../output.ts'

// The CLI runs on the operator's own machine against the database: it acts as the operator.
const operator = { kind: 'operator', clientId: 'deling-cli' } as const

const grant: Command = {
  words: ['role', 'grant'],
  positionals: ['orgnr', 'pid', 'role'],
  options: [],
  summary: 'Give a person a role (admin, publisher or consumer) in an organisation',
  argumentNames: { orgnr: '<orgnr>', pid: '<pid>', role: '<role>' },
  async run({ db, clock }, { positionals: [orgnr, pid, role] }) {
    const input = parseInput(NewRoleGrantSchema.extend({ orgnr: Orgnr }), { orgnr, pid, role })
    const given = await grantRole(db, input.orgnr, { pid: input.pid, role: input.role }, operator, clock())
    return { data: given, text: `Gave ${given.pid} the role ${given.role} in ${given.orgnr} (${given.id})` }
  },
}

const revoke: Command = {
  words: ['role', 'revoke'],
  positionals: ['orgnr', 'id'],
  options: [],
  summary: 'Take a role back (the grant stays in the history)',
  argumentNames: { orgnr: '<orgnr>', id: '<grant-id>' },
  async run({ db, clock }, { positionals: [orgnr, id] }) {
    const input = parseInput(z.object({ orgnr: Orgnr, id: RoleGrantId }), { orgnr, id })
    const revoked = await revokeRole(db, input.orgnr, input.id, operator, clock())
    return { data: revoked, text: `Took the role ${revoked.role} in ${revoked.orgnr} from ${revoked.pid}` }
  },
}

function listing(action: 'list' | 'history'): Command {
  const history = action === 'history'
  return {
    words: ['role', action],
    positionals: ['orgnr'],
    options: [],
    summary: history
      ? 'The roles of an organisation with those taken back: who gave and who took them'
      : 'List the roles people hold in an organisation now',
    argumentNames: { orgnr: '<orgnr>' },
    async run({ db }, { positionals: [orgnr] }) {
      const input = parseInput(z.object({ orgnr: Orgnr }), { orgnr })
      const items = await listRoleGrants(db, input.orgnr, { history })
      return {
        data: { items },
        text: table(
          ['ID', 'PERSON', 'NAME', 'ROLE', 'GIVEN', 'REVOKED'],
          items.map((item) => [
            item.id,
            item.pid,
            item.name ?? '',
            item.role,
            timestamp(item.grantedAt),
            item.revokedAt ? timestamp(item.revokedAt) : '',
          ]),
          'Nobody holds a role there: give one with "role grant <orgnr> <pid> <role>".',
        ),
      }
    },
  }
}

export const roleCommands = [grant, revoke, listing('list'), listing('history')]

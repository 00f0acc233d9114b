import type { OrganisationRoleName } from '../organisation-roles/schemas.ts'

/**
 * The demo's people at work: who acts for which demo organisation in the portal (/org), so every portal journey
 * can be tried after `npm start` by logging in as one of them at the test login.
 */
export const demoRoles: readonly { pid: string; orgnr: string; role: OrganisationRoleName }[] = [
  // Ingrid Fjellheim runs Skatteetaten's catalog: admin and publisher.
  { pid: '12858440015', orgnr: '974761076', role: 'admin' },
  { pid: '12858440015', orgnr: '974761076', role: 'publisher' },
  // Lars Bakken Strøm asks for data for NAV, and is NAV's admin.
  { pid: '03917920183', orgnr: '889640782', role: 'admin' },
  { pid: '03917920183', orgnr: '889640782', role: 'consumer' },
  // Arne Vik works in DNB's consent team.
  { pid: '08826530090', orgnr: '984851006', role: 'consumer' },
]

import { describe, expect, it } from 'vitest'
import { createLogger, redactIdentityNumbers } from './logger.ts'

describe('createLogger', () => {
  it('writes no fødselsnummer, token or query parameter, wherever in a line it appears', () => {
    const lines: string[] = []
    const logger = createLogger('debug', (line) => lines.push(line))
    const token = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ4In0.MEUCIQDx-sig_part'
    logger.warn('lookup of 12858440015 failed', {
      error: `Failed query: select 1 where token = $1\nparams: ${token},03917920183`,
      nested: { authorization: `Bearer ${token}`, subjects: ['41018012345'] },
      orgnr: '889640782',
      count: 3,
    })
    const [line] = lines
    expect(line).not.toMatch(/12858440015|03917920183|41018012345|eyJhbGci|MEUCIQ/)
    expect(JSON.parse(line!)).toMatchObject({
      level: 'warn',
      msg: 'lookup of *********** failed',
      error: 'Failed query: select 1 where token = $1\nparams: [redacted]',
      nested: { authorization: 'Bearer [jws]', subjects: ['***********'] },
      orgnr: '889640782',
      count: 3,
    })
  })

  it('masks a fødselsnummer that more digits follow or precede, and leaves shorter numbers', () => {
    expect(redactIdentityNumbers('/gateway/ds_1/inntekt/128584400150')).toBe('/gateway/ds_1/inntekt/***********')
    expect(redactIdentityNumbers('id 912858440015 and orgnr 889640782')).toBe('id *********** and orgnr 889640782')
  })

  it('writes nothing below its level', () => {
    const lines: string[] = []
    createLogger('warn', (line) => lines.push(line)).info('hello')
    expect(lines).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { classifyIdentityNumber, isSyntheticIdentityNumber } from '../identifiers/fodselsnummer.ts'
import { demoPersons } from './persons.ts'

describe('demo persons', () => {
  it.each(demoPersons.map((person) => [person.fnr, person.name]))('%s (%s) is synthetic and valid', (fnr) => {
    expect(isSyntheticIdentityNumber(fnr)).toBe(true)
  })

  it('has distinct numbers and names', () => {
    expect(new Set(demoPersons.map((person) => person.fnr)).size).toBe(demoPersons.length)
    expect(new Set(demoPersons.map((person) => person.name)).size).toBe(demoPersons.length)
  })

  it('includes a d-nummer', () => {
    expect(demoPersons.map((person) => classifyIdentityNumber(person.fnr))).toContain('synthetic-dnr')
  })
})

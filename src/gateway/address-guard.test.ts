import { describe, expect, it } from 'vitest'
import { addressGuard, isRestrictedAddress, parseIp } from './address-guard.ts'

describe('address guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::10.0.0.1',
  ])('refuses %s', (address) => {
    expect(isRestrictedAddress(address)).toBe(true)
  })

  it.each(['8.8.8.8', '151.101.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isRestrictedAddress(address)).toBe(false)
  })

  it('parses IPv6 forms alike', () => {
    expect(parseIp('::1')).toEqual(parseIp('0:0:0:0:0:0:0:1'))
    expect(parseIp('[::ffff:127.0.0.1]')).toEqual(parseIp('::ffff:7f00:1'))
    expect(parseIp('1.2.3')).toBeUndefined()
    expect(parseIp('1::2::3')).toBeUndefined()
  })

  it('lets the operator allow hosts, addresses and CIDRs', () => {
    const guard = addressGuard(['10.0.0.0/8', 'api.internal', '127.0.0.1'])
    expect(guard.checkHost('10.4.5.6')).toBeUndefined()
    expect(guard.checkHost('127.0.0.1')).toBeUndefined()
    expect(guard.checkHost('127.0.0.2')).toMatch(/not in DELING_UPSTREAM_ALLOW/)
    expect(guard.checkHost('localhost')).toMatch(/not in DELING_UPSTREAM_ALLOW/)
    expect(guard.checkHost('[::1]')).toMatch(/not in DELING_UPSTREAM_ALLOW/)
    expect(guard.checkAddress('api.internal', '192.168.0.9')).toBeUndefined()
    expect(guard.checkAddress('evil.example', '192.168.0.9')).toMatch(/private/)
    expect(guard.checkAddress('evil.example', '10.9.9.9')).toBeUndefined()
    expect(guard.checkAddress('public.example', '93.184.215.14')).toBeUndefined()
  })
})

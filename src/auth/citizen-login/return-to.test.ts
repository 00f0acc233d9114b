import { describe, expect, it } from 'vitest'
import { parseReturnTo } from './return-to.ts'

describe('parseReturnTo', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/me', '/me'],
    ['/me/consents?status=active#list', '/me/consents?status=active#list'],
    ['/consent/view/cr_4k9x', '/consent/view/cr_4k9x'],
    ['/a/./b/../c', '/a/c'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('accepts %j as %j', (value, path) => {
    expect(parseReturnTo(value)).toEqual({ ok: true, path })
  })

  it.each([
    '//evil.example',
    '///evil.example',
    '/..//evil.example',
    '/.//evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    'evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\tevil',
    '/\r\nLocation: https://evil.example',
    '/auth/login',
    '/auth/callback?code=x',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (value) => {
    expect(parseReturnTo(value).ok).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { projectResponse, responseProjection, selectsWholeRecord } from './project.ts'

const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'array' } } }
const bytes = (text: string) => new TextEncoder().encode(text)
const text = (body: Uint8Array) => new TextDecoder().decode(body)

describe('projection of answers', () => {
  it('cuts one record, an array and an {items} envelope', () => {
    const project = responseProjection(['/a', '/b/x'], schema)
    expect(project({ a: 1, b: [{ x: 1, y: 2 }], c: 3 })).toEqual({ a: 1, b: [{ x: 1 }] })
    expect(project([{ a: 1, c: 3 }, { c: 4 }])).toEqual([{ a: 1 }, {}])
    expect(project({ items: [{ a: 1, c: 3 }], next: 'secret' })).toEqual({ items: [{ a: 1 }] })
    expect(project('just a string')).toEqual({})
  })

  it('treats `items` as a field when the record schema has one', () => {
    const withItems = { type: 'object', properties: { items: { type: 'array' } } }
    expect(responseProjection(['/items'], withItems)({ items: [1], other: 2 })).toEqual({ items: [1] })
  })

  it('passes non-JSON only when every top-level field is given whole', () => {
    expect(selectsWholeRecord(['/a', '/b'], schema)).toBe(true)
    expect(selectsWholeRecord(['/a', '/b/x'], schema)).toBe(false)
    expect(selectsWholeRecord(['/a'], undefined)).toBe(false)
    const csv = { contentType: 'text/csv', body: bytes('a,b\n1,2\n') }
    expect(projectResponse(csv, ['/a', '/b'], schema)).toMatchObject({ ok: true, contentType: 'text/csv' })
    expect(projectResponse(csv, ['/a'], schema)).toMatchObject({ ok: false })
  })

  it('refuses JSON it cannot read, and keeps an empty answer empty', () => {
    expect(projectResponse({ contentType: 'application/json', body: bytes('{nope') }, ['/a'], schema).ok).toBe(false)
    const empty = projectResponse({ contentType: undefined, body: new Uint8Array() }, ['/a'], schema)
    expect(empty.ok && text(empty.body)).toBe('')
    const json = projectResponse(
      { contentType: 'application/problem+json', body: bytes('{"a":"x","z":1}') },
      ['/a'],
      schema,
    )
    expect(json.ok && JSON.parse(text(json.body))).toEqual({ a: 'x' })
  })
})

// biome-ignore-all lint/suspicious/noExplicitAny: tests walk the produced documents freely
import { describe, expect, it } from 'vitest'
import { skatteetatenInntektOpenApi } from './fixtures/skatteetaten-inntekt.openapi.ts'
import { checkProducerOpenApi } from './producer-openapi.ts'

const minimal31 = {
  openapi: '3.1.0',
  info: { title: 'Folkeregister', version: '1' },
  paths: {
    '/personer/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'Personen', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
  },
}

describe('checkProducerOpenApi', () => {
  it('accepts a valid OpenAPI 3.0 document and leaves it as it was', async () => {
    const before = structuredClone(skatteetatenInntektOpenApi)
    expect(await checkProducerOpenApi(skatteetatenInntektOpenApi)).toEqual([])
    expect(skatteetatenInntektOpenApi).toEqual(before)
  })

  it('accepts a valid OpenAPI 3.1 document', async () => {
    expect(await checkProducerOpenApi(minimal31)).toEqual([])
  })

  it('refuses Swagger 2.0 and says so', async () => {
    const reasons = await checkProducerOpenApi({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} })
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(/Swagger 2\.0/)
  })

  it.each([null, 'openapi: 3.1.0', 42, [], undefined])('refuses %j', async (garbage) => {
    expect(await checkProducerOpenApi(garbage)).toEqual(['the OpenAPI document must be a JSON object'])
  })

  it.each(['3.2.0', '4.0', 3.1, undefined])('refuses openapi version %j', async (version) => {
    const reasons = await checkProducerOpenApi({ ...minimal31, openapi: version })
    expect(reasons[0]).toMatch(/3\.0\.x or 3\.1\.x/)
  })

  it('says where a path is wrong', async () => {
    const broken = structuredClone(minimal31) as Record<string, any>
    broken.paths['/personer/{id}'].get.responses['200'] = { content: {} }
    const reasons = await checkProducerOpenApi(broken)
    expect(reasons).toContain("/paths/~1personer~1{id}/get/responses/200: must have required property 'description'")
    expect(reasons.length).toBeLessThanOrEqual(20)
  })

  it('reports a reference that leads nowhere', async () => {
    const broken = structuredClone(minimal31) as Record<string, any>
    broken.paths['/personer/{id}'].get.responses['200'].content['application/json'].schema = {
      $ref: '#/components/schemas/Person',
    }
    expect(await checkProducerOpenApi(broken)).toEqual(["Can't resolve #/components/schemas/Person"])
  })

  it('wants at least one path', async () => {
    expect(await checkProducerOpenApi({ ...minimal31, paths: {} })).toEqual([
      'the document must describe at least one path',
    ])
  })

  it('lists at most 20 reasons', async () => {
    const paths = Object.fromEntries(
      Array.from({ length: 30 }, (_, index) => [`/p${index}`, { get: { responses: { '200': {} } } }]),
    )
    const reasons = await checkProducerOpenApi({ ...minimal31, paths })
    expect(reasons.length).toBeGreaterThan(0)
    expect(reasons.length).toBeLessThanOrEqual(20)
  })
})

// biome-ignore-all lint/suspicious/noExplicitAny: tests walk the produced documents freely
import { describe, expect, it } from 'vitest'
import { skatteetatenInntektOpenApi, skatteetatenInntektRecordSchema } from './fixtures/skatteetaten-inntekt.openapi.ts'
import { gatewayOpenApi } from './gateway-openapi.ts'
import { checkProducerOpenApi } from './producer-openapi.ts'

const base = {
  document: skatteetatenInntektOpenApi,
  datasetId: 'ds_4k9x0qz2m9d4x8c1v5b6',
  datasetTitle: 'Inntektsopplysninger fra a-ordningen',
  publicUrl: 'https://deling.example.no/',
  containsPersonalData: true,
}
const fields = ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode']
const projection = { fields, recordSchema: skatteetatenInntektRecordSchema }

const hentInntekt = (document: Record<string, unknown>): any =>
  (document.paths as any)['/inntekt/{personidentifikator}'].get

describe('gatewayOpenApi', () => {
  it('points at the gateway with Deling security, headers and problems, without changing the input', async () => {
    const before = structuredClone(skatteetatenInntektOpenApi)
    const document = gatewayOpenApi(base)
    expect(skatteetatenInntektOpenApi).toEqual(before)

    expect(document.servers).toEqual([
      { url: 'https://deling.example.no/gateway/ds_4k9x0qz2m9d4x8c1v5b6', description: expect.any(String) },
    ])
    expect(document['x-deling-dataset']).toBe(base.datasetId)
    expect((document.info as { title: string }).title).toBe('Inntekt API (a-ordningen) (via Deling)')
    const schemes = (document.components as { securitySchemes: Record<string, any> }).securitySchemes
    expect(Object.keys(schemes).sort()).toEqual(['bearerAuth', 'dpopAuth', 'oauth2'])
    expect(schemes.oauth2.flows.clientCredentials.tokenUrl).toBe('https://deling.example.no/oidc/token')
    expect(schemes.dpopAuth).toMatchObject({ type: 'http', scheme: 'DPoP' })

    const operation = hentInntekt(document)
    expect(operation.security).toEqual([{ oauth2: ['deling:gateway'] }, { bearerAuth: [] }, { dpopAuth: [] }])
    const headers = operation.parameters.filter((parameter: any) => parameter.in === 'header')
    expect(headers.map((header: any) => [header.name, header.required])).toEqual([
      ['Deling-Purpose', true],
      ['Deling-Subject', true],
    ])
    expect(operation.responses['403'].content['application/problem+json'].schema.properties.status).toBeDefined()
    expect(operation.responses['403'].content['application/json']).toBeDefined()
    expect(operation.responses['502'].content).toHaveProperty('application/problem+json')
    expect(operation.responses['504'].content).toHaveProperty('application/problem+json')
    // without a projection the response is the producer's
    expect(operation.responses['200']).toEqual(
      skatteetatenInntektOpenApi.paths['/inntekt/{personidentifikator}'].get.responses['200'],
    )

    expect(await checkProducerOpenApi(document)).toEqual([])
  })

  it('adds Deling-Subject only for personal data, and never twice', () => {
    const withPurpose = structuredClone(skatteetatenInntektOpenApi) as Record<string, any>
    withPurpose.paths['/inntekt/{personidentifikator}'].parameters.push({
      name: 'deling-purpose',
      in: 'header',
      schema: { type: 'string' },
    })
    const document = gatewayOpenApi({ ...base, document: withPurpose, containsPersonalData: false })
    const names = hentInntekt(document).parameters.map((parameter: any) => parameter.name ?? parameter.$ref)
    expect(names).not.toContain('Deling-Purpose')
    expect(names).not.toContain('Deling-Subject')
  })

  it('cuts the response schema and its example to the rule’s fields', async () => {
    const document = gatewayOpenApi({ ...base, projection })
    const ok = hentInntekt(document).responses['200'].content['application/json']
    expect(ok.schema).toEqual({
      type: 'object',
      title: 'Inntektsmottaker',
      properties: {
        personidentifikator: { type: 'string', title: 'Fødselsnummer', pattern: '^[0-9]{11}$' },
        inntekt: {
          type: 'array',
          title: 'Inntekter',
          items: {
            type: 'object',
            properties: {
              beloep: { type: 'number', title: 'Beløp', description: 'Beløp i kroner' },
              periode: { type: 'string', title: 'Periode', pattern: '^[0-9]{4}-[0-9]{2}$' },
            },
            required: ['beloep', 'periode'],
          },
        },
      },
      required: ['personidentifikator', 'inntekt'],
    })
    expect(ok.example).toEqual({
      personidentifikator: '17912010058',
      inntekt: [{ beloep: 52_300, periode: '2025-01' }],
    })
    // Inntektsmottaker, Inntekt and Virksomhet are no longer referenced; the error body still is
    expect(Object.keys((document.components as { schemas: object }).schemas)).toEqual(['Feilmelding'])
    expect(document['x-deling-fields']).toEqual(fields)
    expect((document.info as { description: string }).description).toContain('Income › Amount (/inntekt/beloep)')
    expect(await checkProducerOpenApi(document)).toEqual([])
  })

  it('keeps the component schemas that a whole field still refers to', async () => {
    const document = gatewayOpenApi({ ...base, projection: { ...projection, fields: ['/inntekt/arbeidsgiver'] } })
    const items = hentInntekt(document).responses['200'].content['application/json'].schema.properties.inntekt.items
    expect(items.properties.arbeidsgiver).toEqual({ $ref: '#/components/schemas/Virksomhet' })
    expect(Object.keys((document.components as { schemas: object }).schemas).sort()).toEqual([
      'Feilmelding',
      'Virksomhet',
    ])
    expect(await checkProducerOpenApi(document)).toEqual([])
  })

  it.each([
    [
      'an array of records',
      (record: object) => ({ type: 'array', uniqueItems: true, items: record }),
      (body: any) => body.items,
    ],
    [
      'an envelope',
      (record: object) => ({
        type: 'object',
        properties: { items: { type: 'array', items: record }, neste: { type: 'string' } },
      }),
      (body: any) => body.properties.items.items,
    ],
  ])('cuts the records in %s', async (_, wrap, records) => {
    const producer = structuredClone(skatteetatenInntektOpenApi) as Record<string, any>
    producer.paths['/inntekt'] = {
      post: {
        responses: {
          '200': {
            description: 'Mange',
            content: {
              'application/vnd.skatteetaten+json': { schema: wrap({ $ref: '#/components/schemas/Inntektsmottaker' }) },
            },
          },
        },
      },
    }
    const document = gatewayOpenApi({ ...base, document: producer, projection: { ...projection, fields: ['/navn'] } })
    const body = (document.paths as any)['/inntekt'].post.responses['200'].content['application/vnd.skatteetaten+json']
      .schema
    expect(records(body)).toEqual({
      type: 'object',
      title: 'Inntektsmottaker',
      properties: { navn: { type: 'string', title: 'Navn' } },
    })
    expect(body.uniqueItems).toBeUndefined()
    expect(await checkProducerOpenApi(document)).toEqual([])
  })

  it('stays valid for an OpenAPI 3.1 producer', async () => {
    const producer = { ...structuredClone(skatteetatenInntektOpenApi), openapi: '3.1.0' }
    const document = gatewayOpenApi({ ...base, document: producer, projection })
    expect(await checkProducerOpenApi(document)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { skatteetatenInntektRecordSchema as inntekt } from './fixtures/skatteetaten-inntekt.openapi.ts'
import {
  compileProjection,
  describeFields,
  fieldExists,
  type JsonSchema,
  pointerSegments,
  projectRecord,
  projectSchema,
} from './record-schema.ts'

const odd: JsonSchema = {
  type: 'object',
  properties: {
    'a/b': { type: 'string' },
    'm~n': { type: 'string' },
    matrise: {
      type: 'array',
      items: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' } } } },
    },
    adresse: { $ref: '#/definitions/Adresse' },
    kontakt: {
      oneOf: [{ properties: { epost: { type: 'string' } } }, { properties: { telefon: { type: 'string' } } }],
    },
    ekstra: { allOf: [{ $ref: '#/$defs/Felles' }, { properties: { egen: { type: 'string' } } }] },
  },
  definitions: { Adresse: { type: 'object', properties: { postnummer: { type: 'string' } } } },
  $defs: { Felles: { type: 'object', properties: { felles: { type: 'string' } } } },
}

describe('pointerSegments', () => {
  it.each([
    ['/a', ['a']],
    ['/a~1b', ['a/b']],
    ['/m~0n', ['m~n']],
    ['/~01', ['~1']],
    ['/inntekt/beloep', ['inntekt', 'beloep']],
  ])('%s → %j', (pointer, segments) => expect(pointerSegments(pointer)).toEqual(segments))

  it.each(['a', '/a~2', '/a~'])('refuses %s', (pointer) => expect(() => pointerSegments(pointer)).toThrow())
})

describe('fieldExists', () => {
  it.each([
    [inntekt, '/personidentifikator', true],
    [inntekt, '/inntekt', true],
    [inntekt, '/inntekt/beloep', true],
    [inntekt, '/inntekt/arbeidsgiver/orgnr', true],
    [inntekt, '/inntekt/0/beloep', false],
    [inntekt, '/beloep', false],
    [inntekt, '/inntekt/mangler', false],
    [inntekt, '/personidentifikator/x', false],
    [odd, '/a~1b', true],
    [odd, '/a/b', false],
    [odd, '/m~0n', true],
    [odd, '/matrise/x', true],
    [odd, '/adresse/postnummer', true],
    [odd, '/kontakt/telefon', true],
    [odd, '/kontakt/fax', false],
    [odd, '/ekstra/felles', true],
    [odd, '/ekstra/egen', true],
    [odd, 'ikke-en-peker', false],
    [odd, '', false],
  ])('%#: %s is %s', (schema, pointer, exists) => expect(fieldExists(schema as JsonSchema, pointer)).toBe(exists))

  it('survives a recursive schema', () => {
    const tree = { type: 'object', properties: { barn: { $ref: '#' } }, allOf: [{ $ref: '#' }] }
    expect(fieldExists(tree, '/barn/barn/barn')).toBe(true)
    expect(fieldExists(tree, '/barn/navn')).toBe(false)
  })
})

describe('describeFields', () => {
  it('gives titles by language, with the fields they sit in', () => {
    const fields = ['/personidentifikator', '/inntekt/beloep', '/inntekt/beskrivelse', '/oppslagstidspunkt']
    expect(describeFields(inntekt, fields, 'nb').map((field) => field.title)).toEqual([
      'Fødselsnummer',
      'Inntekter › Beløp',
      'Inntekter › Beskrivelse',
      'Tidspunkt for oppslaget',
    ])
    expect(describeFields(inntekt, fields, 'en').map((field) => field.title)).toEqual([
      'National identity number',
      'Income › Amount',
      'Income › Beskrivelse',
      'Tidspunkt for oppslaget',
    ])
  })

  it('falls back to the description, then to the name', () => {
    const schema = {
      type: 'object',
      properties: { sivilstand: { type: 'string', description: 'Sivilstand nå' }, fodselsDato: {}, post_nr: {} },
    }
    const fields = describeFields(schema, ['/sivilstand', '/fodselsDato', '/post_nr', '/finnes~1ikke', 'feil'], 'nb')
    expect(fields).toEqual([
      { pointer: '/sivilstand', title: 'Sivilstand nå', path: ['Sivilstand nå'] },
      { pointer: '/fodselsDato', title: 'Fodsels dato', path: ['Fodsels dato'] },
      { pointer: '/post_nr', title: 'Post nr', path: ['Post nr'] },
      { pointer: '/finnes~1ikke', title: 'Finnes/ikke', path: ['Finnes/ikke'] },
      { pointer: 'feil', title: 'feil', path: ['feil'] },
    ])
  })
})

describe('projectSchema', () => {
  it('cuts through arrays and inlines the references it cuts into', () => {
    const before = structuredClone(inntekt)
    const cut = projectSchema(inntekt, ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'])
    expect(cut).toEqual({
      type: 'object',
      properties: {
        personidentifikator: inntekt.properties.personidentifikator,
        inntekt: {
          type: 'array',
          title: 'Inntekter',
          'x-title-en': 'Income',
          items: {
            type: 'object',
            properties: {
              beloep: inntekt.$defs.Inntekt.properties.beloep,
              periode: inntekt.$defs.Inntekt.properties.periode,
            },
            required: ['beloep', 'periode'],
          },
        },
      },
      required: ['personidentifikator', 'inntekt'],
    })
    expect(inntekt).toEqual(before)
  })

  it('keeps a whole field whole, with the definitions it refers to', () => {
    const cut = projectSchema(inntekt, ['/inntekt', '/inntekt/beloep'])
    expect(cut.properties).toEqual({ inntekt: inntekt.properties.inntekt })
    expect(cut.$defs).toEqual(inntekt.$defs)
    expect(cut.required).toEqual(['inntekt'])
  })

  it('drops objects without kept fields and prunes definitions', () => {
    const cut = projectSchema(odd, ['/adresse/finnes-ikke', '/a~1b', '/ekstra/egen', '/kontakt/epost'])
    expect(cut.properties).toEqual({
      'a/b': { type: 'string' },
      ekstra: { allOf: [{ properties: { egen: { type: 'string' } } }] },
      kontakt: { anyOf: [{ properties: { epost: { type: 'string' } } }, {}] },
    })
    expect(cut.$defs).toBeUndefined()
    expect(cut.definitions).toBeUndefined()
  })

  it('keeps an empty object schema when nothing is left', () => {
    expect(projectSchema(inntekt, ['/finnes-ikke'])).toEqual({ type: 'object', properties: {} })
  })
})

describe('projectRecord', () => {
  const record = {
    personidentifikator: '17912010058',
    navn: 'Aktiv Tursko',
    inntekt: [
      { beloep: 52_300, periode: '2025-01', arbeidsgiver: { orgnr: '974761076', navn: 'Skatteetaten' } },
      { beloep: 1_200, periode: '2025-01', beskrivelse: 'bonus' },
      'ikke et objekt',
    ],
    'a/b': 1,
    'm~n': 2,
    matrise: [[{ x: 1, y: 2 }], [{ y: 3 }]],
  }

  it.each<[string[], unknown]>([
    [['/personidentifikator'], { personidentifikator: '17912010058' }],
    [
      ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
      {
        personidentifikator: '17912010058',
        inntekt: [
          { beloep: 52_300, periode: '2025-01' },
          { beloep: 1_200, periode: '2025-01' },
        ],
      },
    ],
    [['/inntekt/arbeidsgiver/orgnr'], { inntekt: [{ arbeidsgiver: { orgnr: '974761076' } }, {}] }],
    [
      ['/inntekt/arbeidsgiver'],
      {
        inntekt: [
          { arbeidsgiver: record.inntekt[0] && (record.inntekt[0] as { arbeidsgiver: unknown }).arbeidsgiver },
          {},
        ],
      },
    ],
    [['/inntekt', '/inntekt/beloep'], { inntekt: record.inntekt }],
    [['/a~1b', '/m~0n'], { 'a/b': 1, 'm~n': 2 }],
    [['/matrise/x'], { matrise: [[{ x: 1 }], [{}]] }],
    [['/finnes-ikke', '/navn/del'], {}],
  ])('%j', (pointers, expected) => expect(projectRecord(record, pointers)).toEqual(expected))

  it('projects a list of records and leaves the input as it was', () => {
    const before = structuredClone(record)
    const project = compileProjection(['/navn', '/inntekt/beloep'])
    expect(project([record, record])).toEqual([
      { navn: 'Aktiv Tursko', inntekt: [{ beloep: 52_300 }, { beloep: 1_200 }] },
      { navn: 'Aktiv Tursko', inntekt: [{ beloep: 52_300 }, { beloep: 1_200 }] },
    ])
    expect(record).toEqual(before)
    expect(project('tekst')).toBeUndefined()
  })

  it('treats __proto__ as a field like any other', () => {
    const projected = projectRecord(JSON.parse('{"__proto__": {"x": 1}, "y": 2}'), ['/__proto__']) as object
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype)
    expect(JSON.stringify(projected)).toBe('{"__proto__":{"x":1}}')
  })

  it('refuses the empty pointer', () => expect(() => compileProjection([''])).toThrow())
})

import fc from 'fast-check'

/** Strings that break naive code: control characters, NUL, lone surrogates, scripts, injections, sizes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '🇳🇴 Ærlig øl på Å',
    'ﷺ‮evil',
    '\r\nSet-Cookie: x=1',
    "' or 1=1 --",
    '"; drop table datasets; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%2e%2e%2f',
    `\${jndi:ldap://x}`,
    '{{7*7}}',
    'null',
    'true',
    '-1',
    '0',
    '1e309',
    '9'.repeat(400),
    'NaN',
    '0000-00-00T00:00:00Z',
    '10000-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    'https://evil.example/',
    'javascript:alert(1)',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.integer({ min: 500, max: 40_000 }).map((length) => 'å'.repeat(length)),
)

/** A value of the wrong kind for almost any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, [], {}, [null], { '': '' }),
  fc.constant(Object.fromEntries([['__proto__', { admin: true }]])),
  fc.integer({ min: 1, max: 12 }).map((depth) => {
    let nested: unknown = 'deep'
    for (let i = 0; i < depth * 16; i++) nested = [nested]
    return nested
  }),
  fc.integer({ min: 200, max: 2000 }).map((length) => Array.from({ length }, () => 'x')),
)

/** Fields an attacker adds to a body to take over what the server decides (OWASP API3, mass assignment). */
export const foreignKeys = [
  'id',
  'publisher',
  'publisherOrgnr',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'consumer',
  'orgnr',
  'decidedAt',
  'scopes',
  'admin',
  '__proto__',
  'constructor',
] as const

type Path = (string | number)[]

function pathsOf(value: unknown, prefix: Path = [], found: Path[] = []): Path[] {
  found.push(prefix)
  if (Array.isArray(value)) {
    for (const [i, element] of value.entries()) pathsOf(element, [...prefix, i], found)
  } else if (value && typeof value === 'object')
    for (const [key, element] of Object.entries(value)) pathsOf(element, [...prefix, key], found)
  return found
}

function withChange(value: unknown, path: Path, change: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(value)
  if (!path.length) return copy
  let parent: any = copy
  for (const segment of path.slice(0, -1)) parent = parent[segment]
  change(parent, path.at(-1)!)
  return copy
}

export type Mutation =
  | { kind: 'replace'; pick: number; with: unknown }
  | { kind: 'remove'; pick: number }
  | { kind: 'add'; pick: number; key: string; with: unknown }
  | { kind: 'whole'; with: unknown }

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), with: wrongValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(),
      key: fc.oneof(fc.constantFrom(...foreignKeys), fc.string({ maxLength: 12 })),
      with: fc.oneof(wrongValue, fc.constantFrom('accepted', '974761076', 'ds_aaaaaaaaaaaaaaaaaaaa', 7)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), with: wrongValue }) },
)

/** Applies one mutation somewhere in a value (the whole value, a member, an element). */
export function mutate(value: unknown, change: Mutation): unknown {
  if (change.kind === 'whole') return change.with
  const paths = pathsOf(value)
  if (change.kind === 'add') {
    const objects = paths.filter((path) => {
      let node: any = value
      for (const segment of path) node = node[segment]
      return node && typeof node === 'object' && !Array.isArray(node)
    })
    if (!objects.length) return value
    const path = objects[change.pick % objects.length]!
    return withChange(value, [...path, change.key], (parent, key) => {
      Object.defineProperty(parent, key, { value: change.with, enumerable: true, writable: true, configurable: true })
    })
  }
  const inner = paths.filter((path) => path.length > 0)
  if (!inner.length) return change.kind === 'replace' ? change.with : value
  const path = inner[change.pick % inner.length]!
  return withChange(value, path, (parent, key) => {
    if (change.kind === 'replace') parent[key] = change.with
    else if (Array.isArray(parent)) parent.splice(Number(key), 1)
    else delete parent[key]
  })
}

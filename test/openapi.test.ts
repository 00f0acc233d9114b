import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app.ts'

type Json = any
interface Operation {
  method: string
  path: string
  operation: Json
  pathItem: Json
}

const committed: Json = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'))
const packageVersion: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, pathItem]: [string, Json]) =>
    methods
      .filter((method) => pathItem[method])
      .map((method) => ({ method, path, operation: pathItem[method], pathItem })),
  )
}

const label = ({ method, path }: Operation) => `${method.toUpperCase()} ${path}`

function resolve(document: Json, ref: string): Json {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), document)
}

/** True when an `example` or `examples` appears anywhere in `node`, following $refs (not a property so named). */
function hasExample(document: Json, node: Json, seen = new Set<Json>()): boolean {
  if (!node || typeof node !== 'object' || seen.has(node)) return false
  seen.add(node)
  if (Array.isArray(node)) return node.some((child) => hasExample(document, child, seen))
  if (node.example !== undefined || node.examples !== undefined) return true
  if (typeof node.$ref === 'string' && hasExample(document, resolve(document, node.$ref), seen)) return true
  return Object.entries(node).some(([key, child]) =>
    key === 'properties' && child && typeof child === 'object'
      ? Object.values(child).some((property) => hasExample(document, property, seen))
      : hasExample(document, child, seen),
  )
}

const validationKeywords = ['minLength', 'maxLength', 'pattern', 'format', 'enum', 'const', 'minimum', 'maximum']

/** A parameter the router validates beyond "a string": a bad value gets a 400 `validation-failed`. */
function isValidated(document: Json, parameter: Json): boolean {
  const schema = parameter.schema?.$ref ? resolve(document, parameter.schema.$ref) : parameter.schema
  if (!schema) return false
  return (
    validationKeywords.some((keyword) => keyword in schema) || (schema.type !== undefined && schema.type !== 'string')
  )
}

/** Every `$ref` string anywhere in the document. */
function refsIn(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) refsIn(child, found)
  else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') found.push(node.$ref)
    for (const child of Object.values(node)) refsIn(child, found)
  }
  return found
}

/** What the project asks of every operation (STYLE.md habits 10 and 11), as a list of failures. */
function qualityFailures(document: Json): string[] {
  const failures: string[] = []
  const seenIds = new Map<string, string>()
  const declaredTags = new Set((document.tags ?? []).map((tag: Json) => tag.name))
  for (const entry of operationsOf(document)) {
    const { operation } = entry
    const fail = (why: string) => failures.push(`${label(entry)}: ${why}`)
    if (!operation.operationId) fail('no operationId')
    else if (seenIds.has(operation.operationId))
      fail(`operationId ${operation.operationId} is also used by ${seenIds.get(operation.operationId)}`)
    else seenIds.set(operation.operationId, label(entry))
    if (!operation.summary) fail('no summary')
    if (!operation.description) fail('no description')
    if (!operation.tags?.length) fail('no tags')
    for (const tag of operation.tags ?? []) if (!declaredTags.has(tag)) fail(`tag ${tag} is not described in tags`)
    if (!Array.isArray(operation.security)) fail('no explicit security (use [] for a public operation)')

    const parameters = [...(entry.pathItem.parameters ?? []), ...(operation.parameters ?? [])]
    const body = operation.requestBody
    const responses = Object.entries(operation.responses ?? {}) as [string, Json][]
    const errors = responses.filter(([status]) => /^[45]/.test(status))
    for (const [status, response] of errors) {
      const schema = response.content?.['application/problem+json']?.schema
      if (!schema) fail(`${status} is not application/problem+json`)
      else if (schema.$ref !== '#/components/schemas/Problem') fail(`${status} does not use the Problem schema`)
    }
    const has = (status: string) => responses.some(([code]) => code === status)
    // An operation with no input and no token can only fail on the server's side (GET /healthz: 503).
    const takesInput = parameters.length > 0 || body || operation.security?.length
    if (takesInput && !responses.some(([status]) => /^4/.test(status))) fail('no 4xx problem response')
    if (!errors.length) fail('no problem response')
    // A token that is optional (`{}` among the alternatives) can be bad (401) but never lacks a scope.
    const optional = operation.security?.some((requirement: object) => Object.keys(requirement).length === 0)
    if (operation.security?.length && optional && !has('401')) fail('takes a token but documents no 401')
    if (operation.security?.length && !optional && !(has('401') && has('403')))
      fail('needs a token but documents no 401 and 403')
    if (body && !['400', '413', '415'].every(has)) fail('takes a body but does not document 400, 413 and 415')
    for (const parameter of parameters) {
      if (isValidated(document, parameter) && !has('400')) fail(`validates ${parameter.name} but documents no 400`)
    }

    for (const parameter of parameters) {
      if (!hasExample(document, parameter)) fail(`parameter ${parameter.name} has no example`)
    }
    for (const [type, media] of Object.entries(body?.content ?? {}) as [string, Json][]) {
      if (!hasExample(document, media)) fail(`request body ${type} has no example`)
    }
    for (const [status, response] of responses.filter(([code]) => /^2/.test(code))) {
      for (const [type, media] of Object.entries(response.content ?? {}) as [string, Json][]) {
        if (!hasExample(document, media)) fail(`${status} ${type} has no example`)
      }
    }
  }
  return failures
}

/** Structural checks of OpenAPI 3.1 that a generator bug or a hand edit would break. */
function structuralFailures(document: Json): string[] {
  const failures: string[] = []
  if (!/^3\.1\.\d+$/.test(document.openapi ?? '')) failures.push(`openapi is ${document.openapi}, not 3.1.x`)
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string')
    failures.push('info needs a title and a version')
  for (const ref of new Set(refsIn(document))) {
    if (resolve(document, ref) === undefined) failures.push(`$ref ${ref} does not resolve`)
  }
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    if (!/^[a-zA-Z0-9._-]+$/.test(name)) failures.push(`component name ${name} is not allowed`)
  }
  const schemes = new Set(Object.keys(document.components?.securitySchemes ?? {}))
  const templates = new Map<string, string>()
  for (const path of Object.keys(document.paths ?? {})) {
    if (!path.startsWith('/')) failures.push(`path ${path} does not start with /`)
    const template = path.replaceAll(/\{[^}]+\}/g, '{}')
    if (templates.has(template)) failures.push(`paths ${templates.get(template)} and ${path} are the same template`)
    templates.set(template, path)
  }
  for (const entry of operationsOf(document)) {
    const { operation, path } = entry
    const fail = (why: string) => failures.push(`${label(entry)}: ${why}`)
    const parameters = [...(entry.pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((parameter: Json) =>
      parameter.$ref ? resolve(document, parameter.$ref) : parameter,
    )
    const keys = parameters.map((parameter: Json) => `${parameter.in}:${parameter.name}`)
    for (const key of keys.filter((key: string, index: number) => keys.indexOf(key) !== index))
      fail(`parameter ${key} is declared twice`)
    for (const parameter of parameters) {
      if (!['query', 'header', 'path', 'cookie'].includes(parameter.in))
        fail(`parameter ${parameter.name} has no valid in`)
      if (!parameter.schema && !parameter.content) fail(`parameter ${parameter.name} has no schema`)
    }
    const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
    const inPath = parameters.filter((parameter: Json) => parameter.in === 'path')
    for (const name of inTemplate) {
      const declared = inPath.find((parameter: Json) => parameter.name === name)
      if (!declared) fail(`path parameter ${name} is not declared`)
      else if (declared.required !== true) fail(`path parameter ${name} is not required: true`)
    }
    for (const parameter of inPath) {
      if (!inTemplate.includes(parameter.name)) fail(`path parameter ${parameter.name} is not in the path`)
    }
    const responses = Object.entries(operation.responses ?? {}) as [string, Json][]
    if (!responses.length) fail('no responses')
    for (const [status, response] of responses) {
      if (!/^([1-5](\d\d|XX)|default)$/.test(status)) fail(`response key ${status} is not a status`)
      if (typeof response.description !== 'string') fail(`response ${status} has no description`)
    }
    for (const requirement of operation.security ?? []) {
      for (const scheme of Object.keys(requirement)) {
        if (!schemes.has(scheme)) fail(`security scheme ${scheme} is not in components.securitySchemes`)
      }
    }
  }
  return failures
}

describe('OpenAPI document', () => {
  let app: TestApp
  let live: Json
  beforeAll(async () => {
    app = await startTestApp()
    live = (await app.get('/openapi.json')).body
  })
  afterAll(() => app?.close())

  it('is the committed openapi/openapi.json', () => {
    // The test app does not read package.json; the version is checked on its own below.
    const served = { ...live, info: { ...live.info, version: committed.info.version } }
    expect(served, 'openapi/openapi.json is stale: run `npm run openapi` and commit the file').toEqual(committed)
    expect(committed.info.version, 'run `npm run openapi` after changing the version').toBe(packageVersion)
  })

  it('describes every operation fully: id, summary, description, tags, security, problems, examples', () => {
    expect(operationsOf(live).length).toBeGreaterThan(0)
    expect(qualityFailures(live)).toEqual([])
  })

  it('is structurally valid OpenAPI 3.1', () => {
    expect(structuralFailures(live)).toEqual([])
  })

  it('notices what it should notice', () => {
    const broken: Json = {
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      tags: [],
      paths: {
        '/things/{id}': {
          get: {
            operationId: 'getThing',
            tags: ['Things'],
            security: [{ nope: [] }],
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } },
              },
              404: { description: 'no', content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
    }
    expect(qualityFailures(broken)).toEqual([
      'GET /things/{id}: no summary',
      'GET /things/{id}: no description',
      'GET /things/{id}: tag Things is not described in tags',
      'GET /things/{id}: 404 is not application/problem+json',
      'GET /things/{id}: needs a token but documents no 401 and 403',
      'GET /things/{id}: 200 application/json has no example',
    ])
    expect(structuralFailures(broken)).toEqual([
      'openapi is 3.0.3, not 3.1.x',
      '$ref #/components/schemas/Gone does not resolve',
      'GET /things/{id}: path parameter id is not declared',
      'GET /things/{id}: security scheme nope is not in components.securitySchemes',
    ])
  })
})

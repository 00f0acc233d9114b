/**
 * The producer's API document as a consumer calls it through Deling: Deling's server, security and headers,
 * Deling's own error responses and, for one access rule, response schemas cut to the rule's fields.
 * Pure (Web APIs only): both hosts serve it.
 */
import { compileProjection, describeFields, type JsonSchema, projectSchema, resolveLocalRef } from './record-schema.ts'

export type GatewayOpenApiInput = {
  document: Record<string, unknown>
  datasetId: string
  datasetTitle: string
  publicUrl: string
  containsPersonalData: boolean
  /** An access rule's fields (JSON pointers into the record schema) to cut the 2xx responses to. */
  projection?: { fields: string[]; recordSchema: object }
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const gatewayScope = 'deling:gateway'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An inline copy of a local `$ref`'s target (components/responses, schemas, parameters), or the value itself. */
function inline(document: unknown, value: unknown): Record<string, unknown> | undefined {
  if (isObject(value) && typeof value.$ref === 'string') {
    const target = resolveLocalRef(document, value.$ref)
    return target && structuredClone(target)
  }
  return isObject(value) ? value : undefined
}

/**
 * DPoP is `http` with scheme `DPoP`: RFC 9449 §11.1 registers that scheme with IANA, which is what OpenAPI
 * asks of `http` schemes. openapi-typescript ignores security schemes; openapi-generator treats an unknown
 * http scheme as plain HTTP authentication. The alternative, an `apiKey` named Authorization, would make
 * generators send a fixed string, while a DPoP proof must be signed per request.
 */
function securitySchemes(publicUrl: string): Record<string, unknown> {
  return {
    oauth2: {
      type: 'oauth2',
      description:
        "Deling's token endpoint, Maskinporten style: client_credentials with a signed client assertion (RFC 7523).",
      flows: {
        clientCredentials: {
          tokenUrl: `${publicUrl}/oidc/token`,
          scopes: { [gatewayScope]: 'Call data services through the Deling gateway' },
        },
      },
    },
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: `An access token from ${publicUrl}/oidc/token with scope ${gatewayScope}.`,
    },
    dpopAuth: {
      type: 'http',
      scheme: 'DPoP',
      description: `A DPoP-bound access token (RFC 9449) with scope ${gatewayScope}: send "Authorization: DPoP <token>" and a "DPoP" proof header signed for each request.`,
    },
  }
}

const problemContent = {
  'application/problem+json': {
    schema: {
      type: 'object',
      description: 'RFC 9457 problem details',
      properties: {
        type: { type: 'string', format: 'uri-reference' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
      },
      required: ['type', 'title', 'status'],
    },
  },
}

const delingResponses: Record<string, string> = {
  '401': 'Deling: no valid access token',
  '403': 'Deling: no access rule or consent allows this request',
  '502': 'Deling: the data service answered with an error or something Deling could not read',
  '504': 'Deling: the data service did not answer in time',
}

function delingHeaders(containsPersonalData: boolean): Array<{ name: string } & Record<string, unknown>> {
  const purpose = {
    name: 'Deling-Purpose',
    in: 'header',
    required: true,
    description: 'The purpose code of the access rule (or consent) the request is made under',
    schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
    example: 'dagpenger',
  }
  const subject = {
    name: 'Deling-Subject',
    in: 'header',
    required: true,
    description: 'Fødselsnummer (or d-nummer) of the person the data is about',
    schema: { type: 'string', pattern: '^[0-9]{11}$' },
  }
  return containsPersonalData ? [purpose, subject] : [purpose]
}

const isJson = (mediaType: string) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(mediaType)

/** Cuts a 2xx JSON body and its examples: an array of records, an envelope `{ items: [...] }`, or one record. */
function cutBody(document: Record<string, unknown>, media: Record<string, unknown>, fields: string[]): void {
  const schema = inline(document, media.schema)
  if (!schema) return
  const cut = (record: unknown) => (isObject(record) ? projectSchema(record, fields, { root: document }) : record)
  const properties = isObject(schema.properties) ? schema.properties : undefined
  const envelope = properties && inline(document, properties.items)
  const project = compileProjection(fields)
  let projectExample = project
  if (schema.type === 'array' || isObject(schema.items)) {
    // cut records may now repeat
    const { uniqueItems: _, ...array } = schema
    media.schema = { ...array, items: cut(schema.items) }
  } else if (envelope?.type === 'array' && isObject(envelope.items)) {
    const { uniqueItems: _, ...array } = envelope
    media.schema = { ...schema, properties: { ...properties, items: { ...array, items: cut(envelope.items) } } }
    projectExample = (body) => (isObject(body) ? { ...body, items: project(body.items) } : body)
  } else media.schema = cut(schema)
  // an example must not show fields the rule does not deliver
  if ('example' in media) media.example = projectExample(media.example)
  if (isObject(media.examples)) {
    for (const [name, example] of Object.entries(media.examples)) {
      const value = inline(document, example)
      if (value && 'value' in value) media.examples[name] = { ...value, value: projectExample(value.value) }
    }
  }
}

function cutResponses(document: Record<string, unknown>, responses: Record<string, unknown>, fields: string[]): void {
  for (const [status, reference] of Object.entries(responses)) {
    if (!/^2(\d\d|XX)$/.test(status)) continue
    const response = inline(document, reference)
    if (!response) continue
    responses[status] = response
    if (!isObject(response.content)) continue
    for (const [mediaType, media] of Object.entries(response.content)) {
      if (isJson(mediaType) && isObject(media)) cutBody(document, media, fields)
    }
  }
}

function addDelingResponses(document: Record<string, unknown>, responses: Record<string, unknown>): void {
  for (const [status, description] of Object.entries(delingResponses)) {
    const producers = inline(document, responses[status])
    // the producer may answer with the same status; both meanings stay documented
    responses[status] = producers
      ? {
          ...producers,
          description: `${producers.description ?? ''} Or ${description}.`.trim(),
          content: { ...structuredClone(problemContent), ...(isObject(producers.content) ? producers.content : {}) },
        }
      : { description, content: structuredClone(problemContent) }
  }
}

function addDelingHeaders(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
  pathParameters: unknown[],
  containsPersonalData: boolean,
): void {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : []
  const headers = new Set(
    [...pathParameters, ...parameters]
      .map((parameter) => inline(document, parameter))
      .filter((parameter) => parameter?.in === 'header' && typeof parameter.name === 'string')
      .map((parameter) => String(parameter?.name).toLowerCase()),
  )
  const missing = delingHeaders(containsPersonalData).filter((header) => !headers.has(header.name.toLowerCase()))
  operation.parameters = [...parameters, ...missing]
}

/** Drops the component schemas that nothing outside components/schemas reaches any more. */
function pruneSchemas(document: Record<string, unknown>): void {
  const components = document.components
  if (!isObject(components) || !isObject(components.schemas)) return
  const schemas = components.schemas
  const prefix = '#/components/schemas/'
  const reached = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item)
    if (!isObject(node)) return
    if (typeof node.$ref === 'string' && node.$ref.startsWith(prefix)) {
      const segment = decodeURIComponent(node.$ref.slice(prefix.length).split('/')[0] ?? '')
      const name = segment.replaceAll('~1', '/').replaceAll('~0', '~')
      if (!reached.has(name)) {
        reached.add(name)
        visit(schemas[name])
      }
    }
    for (const value of Object.values(node)) visit(value)
  }
  visit({ ...document, components: { ...components, schemas: {} } })
  components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)))
}

function describeAccess(input: GatewayOpenApiInput, original: unknown): string {
  const lines = [
    `Called through Deling, which checks the caller's access rule or the data subject's consent, forwards to the data service of "${input.datasetTitle}" and logs the delivery.`,
    input.containsPersonalData
      ? 'Send the headers Deling-Purpose and Deling-Subject with every request.'
      : 'Send the header Deling-Purpose with every request.',
  ]
  if (input.projection) {
    const fields = describeFields(input.projection.recordSchema as JsonSchema, input.projection.fields, 'en')
    lines.push(`Delivered fields: ${fields.map((field) => `${field.title} (${field.pointer})`).join(', ')}.`)
  }
  return typeof original === 'string' && original ? `${lines.join(' ')}\n\n${original}` : lines.join(' ')
}

/**
 * The producer's API document as callable through Deling; the input is not changed. With `projection`,
 * every 2xx JSON response is cut to the access rule's fields (see record-schema.ts for the pointer rules).
 */
export function gatewayOpenApi(input: GatewayOpenApiInput): Record<string, unknown> {
  const document = structuredClone(input.document)
  const publicUrl = input.publicUrl.replace(/\/+$/, '')
  const info = isObject(document.info) ? document.info : {}
  const title = typeof info.title === 'string' ? info.title : input.datasetTitle
  document.info = { ...info, title: `${title} (via Deling)`, description: describeAccess(input, info.description) }
  document['x-deling-dataset'] = input.datasetId
  // the producer's paths are relative to the data service's endpointUrl, which the gateway forwards to
  document.servers = [
    {
      url: `${publicUrl}/gateway/${encodeURIComponent(input.datasetId)}`,
      description: `Deling gateway to "${input.datasetTitle}"`,
    },
  ]
  const security = [{ oauth2: [gatewayScope] }, { bearerAuth: [] }, { dpopAuth: [] }]
  document.security = security
  const components = isObject(document.components) ? document.components : {}
  document.components = { ...components, securitySchemes: securitySchemes(publicUrl) }
  const paths = isObject(document.paths) ? document.paths : {}
  for (const [path, reference] of Object.entries(paths)) {
    const pathItem = inline(document, reference)
    if (!pathItem) continue
    paths[path] = pathItem
    delete pathItem.servers
    const pathParameters = Array.isArray(pathItem.parameters) ? pathItem.parameters : []
    for (const method of methods) {
      const operation = pathItem[method]
      if (!isObject(operation)) continue
      delete operation.servers
      operation.security = security
      addDelingHeaders(document, operation, pathParameters, input.containsPersonalData)
      const responses = isObject(operation.responses) ? operation.responses : {}
      operation.responses = responses
      if (input.projection) cutResponses(document, responses, input.projection.fields)
      addDelingResponses(document, responses)
    }
  }
  if (input.projection) {
    document['x-deling-fields'] = input.projection.fields
    pruneSchemas(document)
  }
  return document
}

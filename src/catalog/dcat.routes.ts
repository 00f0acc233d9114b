import { createRoute, z } from '@hono/zod-openapi'
import { accepts } from 'hono/accepts'
import { identifyCaller, viewingOrganisation } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { streamOf } from '../http/stream.ts'
import { visibleCatalogPages } from './search.ts'

const turtleExample = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
<http://127.0.0.1:8080/catalog> a dcat:Catalog ;
  dcat:dataset <http://127.0.0.1:8080/catalog/datasets/ds_4k9x0qz2m9d4x8c1v5b6> .`

/** The whole catalog as DCAT-AP-NO for harvesters such as data.norge.no. */
export function dcatRoutes(deps: AppDeps) {
  const { config, tokens } = deps
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/catalog/dcat',
      operationId: 'exportCatalog',
      summary: 'The catalog as DCAT-AP-NO',
      description:
        "Every dataset that is not NON_PUBLIC (with a token, also the caller's own NON_PUBLIC ones), with its publisher, legal bases (DCAT-AP-NO 3 applicableLegislation, 2.x cpsv:follows rules and the legacy dcatno:legalBasisFor… properties), data services and access rules as ODRL policies. Turtle by default, JSON-LD with `Accept: application/ld+json`. Streamed a page of datasets at a time, so a large catalog is never held in memory.",
      tags: ['Catalog'],
      security: [{}, ...organisationSecurity],
      middleware: identifyCaller(tokens, config.publicUrl),
      responses: {
        200: {
          description: 'The catalog',
          content: {
            'text/turtle': { schema: z.string(), example: turtleExample },
            'application/ld+json': {
              schema: z.record(z.string(), z.unknown()),
              example: {
                '@context': { dcat: 'http://www.w3.org/ns/dcat#' },
                '@graph': [{ '@type': ['dcat:Catalog'] }],
              },
            },
          },
        },
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const { catalogJsonLd, catalogTurtle } = await import('./dcat/export.ts')
      const mediaType = accepts(c, {
        header: 'Accept',
        supports: ['text/turtle', 'application/ld+json'],
        default: 'text/turtle',
      })
      const pages = visibleCatalogPages(c.get('db'), viewingOrganisation(c))
      const jsonLd = mediaType === 'application/ld+json'
      const chunks = jsonLd ? catalogJsonLd(config.publicUrl, pages) : catalogTurtle(config.publicUrl, pages)
      const { body, finished } = streamOf(chunks)
      c.set('databaseHeldUntil', finished)
      return c.body(body, 200, {
        'Content-Type': jsonLd ? 'application/ld+json; charset=utf-8' : 'text/turtle; charset=utf-8',
        Vary: 'Accept',
      })
    },
  )
}

import type { Term } from 'n3'
import { z } from 'zod'
import type { NewDataset } from '../dataset.schemas.ts'
import type { HarvestGraph } from './harvest-graph.ts'
import type { Report } from './harvest-types.ts'

type ContactPoint = NonNullable<NewDataset['contactPoint']>

const email = z.email().max(254)
const phone = /^\+?[0-9 ]{5,20}$/

/**
 * The dataset's contact point: the first vcard:Kind (DCAT-AP-NO `dcat:contactPoint`) that gives an e-mail address,
 * a web page or a phone number. A bad address or number is reported and left out; the rest of the card is kept.
 */
export function readContactPoint(graph: HarvestGraph, dataset: Term, report: Report): ContactPoint | undefined {
  const cards = graph.objects(dataset, 'dcat:contactPoint')
  for (const card of cards) {
    const contact = readCard(graph, card, report)
    if (contact.email || contact.url || contact.phone) return contact
  }
  if (cards.length > 0)
    report('dcat:contactPoint', 'No contact point gives a usable e-mail address, web page or phone number; left out')
  return undefined
}

function readCard(graph: HarvestGraph, card: Term, report: Report): ContactPoint {
  const contact: ContactPoint = {}
  const name = graph.anyText(card, 'vcard:fn', 'vcard:organization-name')
  if (name) contact.name = name.slice(0, 200)

  for (const value of values(graph, card, 'vcard:hasEmail')) {
    const address = decodeURIComponent(value.replace(/^mailto:/i, '')).trim()
    if (email.safeParse(address).success) {
      contact.email = address
      break
    }
    report('dcat:contactPoint/vcard:hasEmail', `${value} is not an e-mail address; left out`)
  }

  const url = graph.webAddresses(card, 'vcard:hasURL').find((address) => z.url().max(500).safeParse(address).success)
  if (url) contact.url = url

  for (const value of values(graph, card, 'vcard:hasTelephone')) {
    // RFC 3966 tel: URIs carry visual separators ("-", ".", "(", ")") that the schema does not allow.
    const number = value.replace(/^tel:/i, '').replace(/[-.()\s]/g, '')
    if (phone.test(number)) {
      contact.phone = number
      break
    }
    report('dcat:contactPoint/vcard:hasTelephone', `${value} is not a phone number; left out`)
  }
  return contact
}

/** vCard values are IRIs, literals, or (vCard in RDF §4) a node whose vcard:hasValue is the IRI. */
function values(graph: HarvestGraph, card: Term, property: 'vcard:hasEmail' | 'vcard:hasTelephone'): string[] {
  return graph.objects(card, property).flatMap((term) => {
    if (term.termType === 'NamedNode' || term.termType === 'Literal') return [term.value.trim()]
    return graph.objects(term, 'vcard:hasValue').map((inner) => inner.value.trim())
  })
}

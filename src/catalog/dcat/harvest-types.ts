import type { NewDataset } from '../dataset.schemas.ts'

/** One thing the importer could not use, named by the resource and (where there is one) the RDF property. */
export type HarvestProblem = { resource: string; property?: string; detail: string }

/** One dcat:Dataset of a harvested catalog: `dataset` is undefined when it cannot be imported at all. */
export type HarvestedDataset = {
  uri: string
  publisherOrgnr: string | undefined
  dataset: NewDataset | undefined
  problems: HarvestProblem[]
}

/** Everything read from one harvested document; `problems` are those about the catalog, not one dataset. */
export type HarvestReading = { datasets: HarvestedDataset[]; problems: HarvestProblem[] }

/** Reports a problem about one property of the dataset being read (or of a resource it links to). */
export type Report = (property: string | undefined, detail: string, resource?: string) => void

/** Where Deling's resources live, so every export and page names them the same way. */

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '')

export const catalogUri = (publicUrl: string) => `${base(publicUrl)}/catalog`

export const datasetUri = (publicUrl: string, datasetId: string) => `${catalogUri(publicUrl)}/datasets/${datasetId}`

/** The portal page of a dataset: its dcat:landingPage. */
export const landingPageUri = (publicUrl: string, datasetId: string) => `${base(publicUrl)}/datasets/${datasetId}`

/** Every data service of a dataset is reached through Deling's gateway, never directly at the producer. */
export const gatewayUri = (publicUrl: string, datasetId: string) => `${base(publicUrl)}/gateway/${datasetId}`

export const openApiUri = (publicUrl: string, datasetId: string) => `${datasetUri(publicUrl, datasetId)}/openapi.json`

export const dataServiceUri = (publicUrl: string, datasetId: string, dataServiceId: string) =>
  `${datasetUri(publicUrl, datasetId)}#${dataServiceId}`

export const legalBasisUri = (publicUrl: string, datasetId: string, legalBasisId: string) =>
  `${datasetUri(publicUrl, datasetId)}#${legalBasisId}`

export const accessRuleUri = (publicUrl: string, datasetId: string, ruleId: string) =>
  `${datasetUri(publicUrl, datasetId)}/access-rules/${ruleId}`

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findDatasetBySource } from '../../src/catalog/datasets.repo.ts'
import { demoProducerPath } from '../../src/demo/producer.ts'
import { seedDemo } from '../../src/demo/seed.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { accessToken, registerClient } from '../support/tokens.ts'

describe('demo producer behind the gateway', () => {
  let app: TestApp
  let dataDir: string
  let datasetId: string
  beforeAll(async () => {
    // DELING_DEMO=1 mounts the producer and allows this host's own address as an upstream
    app = await startTestApp({ env: { DELING_DEMO: '1' } })
    dataDir = await mkdtemp(path.join(tmpdir(), 'deling-gateway-demo-'))
    await seedDemo(app.host.database.db, { dataDir, logger: app.host.deps.logger, publicUrl: app.url })
    datasetId = (await findDatasetBySource(app.host.database.db, '974761076', 'urn:deling:demo:skatteetaten:inntekt'))!
      .id
  })
  afterAll(async () => {
    await app?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('gives NAV only the dagpenger fields of a synthetic person’s income', async () => {
    const nav = await registerClient(app, '889640782', ['deling:gateway'])
    const res = await app.get(`/gateway/${datasetId}/inntekt/12858440015`, {
      token: await accessToken(app, nav, 'deling:gateway'),
      headers: { 'Deling-Purpose': 'dagpenger', 'Deling-Subject': '12858440015' },
    })
    expect(res.status, res.text).toBe(200)
    expect(Object.keys(res.body)).toEqual(['personidentifikator', 'inntekt'])
    expect(res.body.inntekt).toHaveLength(12)
    expect(Object.keys(res.body.inntekt[0]).sort()).toEqual(['arbeidsgiver', 'beloep', 'periode'])
    expect(Object.keys(res.body.inntekt[0].arbeidsgiver)).toEqual(['orgnr'])
  })

  it('refuses requests without a valid Deling-Assertion', async () => {
    const bare = await app.get(`${demoProducerPath}/inntekt/12858440015`)
    expect(bare.status).toBe(401)
    const forged = await app.get(`${demoProducerPath}/inntekt/12858440015`, {
      headers: { 'Deling-Assertion': 'eyJhbGciOiJFUzI1NiJ9.e30.x' },
    })
    expect(forged.status).toBe(401)
  })
})

import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirectoryInUse, lockDataDirectory } from './pglite-lock.ts'

describe('lockDataDirectory', () => {
  const folders: string[] = []
  const folder = async () => {
    const created = await mkdtemp(path.join(tmpdir(), 'deling-lock-'))
    folders.push(created)
    return created
  }
  afterAll(() => Promise.all(folders.map((created) => rm(created, { recursive: true, force: true }))))

  it('refuses a folder another live process holds, and frees it on unlock', async () => {
    const directory = await folder()
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    try {
      await writeFile(path.join(directory, 'deling.lock'), String(holder.pid))
      await expect(lockDataDirectory(directory)).rejects.toBeInstanceOf(DataDirectoryInUse)
    } finally {
      holder.kill()
      await once(holder, 'exit')
    }
    const unlock = await lockDataDirectory(directory)
    expect(await readFile(path.join(directory, 'deling.lock'), 'utf8')).toBe(String(process.pid))
    await unlock()
    await expect(readFile(path.join(directory, 'deling.lock'))).rejects.toThrow()
  })

  it('takes over a lock left by a process that died', async () => {
    const directory = await folder()
    await writeFile(path.join(directory, 'deling.lock'), '999999999')
    const unlock = await lockDataDirectory(directory)
    await unlock()
  })
})

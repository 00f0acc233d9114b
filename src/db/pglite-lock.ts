import { open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'

export class DataDirectoryInUse extends Error {}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite keeps no lock of its own: two processes on one folder silently lose each other's writes. This takes an
 * exclusive lock file for the life of the process (a stale one, left by a process that died, is taken over).
 */
export async function lockDataDirectory(directory: string): Promise<() => Promise<void>> {
  const lockFile = path.join(directory, 'deling.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(lockFile, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim())
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirectoryInUse(
          `the embedded database in ${directory} is in use by process ${holder}: stop that Deling (or use its admin API), or set DATABASE_URL`,
        )
      }
      await rm(lockFile, { force: true })
    }
  }
  throw new DataDirectoryInUse(`could not lock ${directory}`)
}

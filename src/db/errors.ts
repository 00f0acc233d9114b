/** The error codes of an error and its causes: drizzle wraps the driver's error in its own. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
    current = (current as { cause?: unknown }).cause
  }
  return codes
}

/** A serialization failure or a deadlock (40001, 40P01): Postgres rolled the transaction back; a retry may pass. */
export const isRolledBackByConcurrentChange = (error: unknown): boolean =>
  errorCodes(error).some((code) => code === '40001' || code === '40P01')

/**
 * Runs `work`, a whole transaction, again when Postgres rolled it back for a concurrent change, at most `attempts`
 * times in all. Only for work that is all or nothing and not a request's own (a harvest's dataset, the demo seed):
 * a request's transaction is not retried, its caller is told (503 concurrent-change).
 */
export async function retryConcurrentChange<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= attempts || !isRolledBackByConcurrentChange(error)) throw error
      // A pause of random length, so that two transactions that met do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt))
    }
  }
}

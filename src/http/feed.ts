import { z } from '@hono/zod-openapi'

const pollIntervalMs = 250

/** The query of an events feed: the cursor `after`, a page size, and how long to hold back an empty page. */
export const FeedQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0).openapi({ example: 0 }),
    limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ example: 100 }),
    wait: z.coerce.number().int().min(0).max(30).default(0).openapi({ example: 10 }),
  })
  .strict()

/**
 * Reads a feed page; with `waitSeconds`, an empty page is held back until rows arrive or the time is up (long
 * poll). Polling the table rather than LISTEN works alike on Node and on Workers, and a new event reaches a
 * waiting reader within a quarter of a second.
 */
export async function readWhenAvailable<Row>(read: () => Promise<Row[]>, waitSeconds: number): Promise<Row[]> {
  const deadline = Date.now() + waitSeconds * 1000
  for (;;) {
    const rows = await read()
    if (rows.length || Date.now() >= deadline) return rows
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollIntervalMs, deadline - Date.now())))
  }
}

/**
 * Per (client, dataset) token buckets, in memory: each instance limits on its own, so N instances allow up to N
 * times the rate. That bounds a runaway client cheaply; a shared limit would cost a database write per request.
 */

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

const maxBuckets = 50_000

export function rateLimiter(perMinute: number) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const refillPerMs = perMinute / 60_000
  return (key: string, nowMs: number): RateVerdict => {
    if (perMinute <= 0) return { allowed: true }
    const bucket = buckets.get(key) ?? { tokens: perMinute, at: nowMs }
    bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, nowMs - bucket.at) * refillPerMs)
    bucket.at = nowMs
    if (buckets.size >= maxBuckets && !buckets.has(key)) {
      // full buckets hold nothing worth remembering
      for (const [name, other] of buckets)
        if (other.tokens + (nowMs - other.at) * refillPerMs >= perMinute) buckets.delete(name)
    }
    buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { allowed: true }
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) }
  }
}

export type RateLimiter = ReturnType<typeof rateLimiter>

interface RouteEntry {
  method: string
  path: string
}

const toPattern = (path: string) =>
  new RegExp(
    `^${path
      .split('/')
      .map((segment) => {
        if (segment === '*') return '.*'
        if (segment.startsWith(':')) return '[^/]+'
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')}/?$`,
  )

/** The methods that routes other than middleware accept at `path`: a 404 with any of them is really a 405. */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>()
  for (const route of routes) {
    if (route.method === 'ALL') continue
    if (toPattern(route.path).test(path)) methods.add(route.method)
  }
  if (methods.has('GET')) methods.add('HEAD')
  return [...methods].sort()
}

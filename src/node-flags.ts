/**
 * Node's flags for the Deling host, wherever it is started as a process: `npm start` (package.json, which repeats
 * them), the tests that start it as a user would, and the benchmark.
 *
 * `--experimental-async-context-frame`: oidc-provider keeps its request context in an AsyncLocalStorage. On Node 22
 * that switches on a promise hook for the whole process, a cost on every promise of every request (10 % of the
 * gateway's CPU under load, docs/performance.md). With this flag AsyncLocalStorage uses V8's context frames instead,
 * as it does by default from Node 24. Without the flag Deling works the same, only slower. Node 24 knows the flag
 * only as `--async-context-frame` (and on by default): moving to it means dropping this list and widening
 * `engines` in package.json, which is Node 22 for this reason.
 */
export const nodeHostFlags = ['--experimental-async-context-frame']

/** How a test or the benchmark starts the Deling host as a user's `npm start` would: Node, tsx, src/server.ts. */
export const nodeHostArguments = [...nodeHostFlags, '--import', 'tsx', 'src/server.ts']

// Mends two ways postgres.js 3.4.9 can end the whole process during a database outage, where no code of ours
// could catch the error:
// - #1208: when a connection dies mid-write, a pending write can run after the socket is gone and throw
//   `Cannot read properties of null (reading 'write')` from a timer. The fix follows the upstream proposals (#1168,
//   #1176, #1209): forget the pending write timer when the connection closes, and never write to a socket that is
//   gone.
// - #1192 (also #1205, #1223): a new connection's first query, the driver's own lookup of array types, drops its
//   promise; if the connection is lost or the query fails, the rejection is unhandled. The caller's query already
//   receives the same error (the connection fails it with everything else in flight), so the copy is caught.
// Run by `npm ci` / `npm install` (postinstall); idempotent, change by change; refuses any other version, so
// upgrading the driver makes this script fail until it is checked again. See docs/adr/0015.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// The package's exports hide package.json from require.resolve; npm puts it at the top of node_modules.
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules', 'postgres')
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const expected = '3.4.9'
if (version !== expected) {
  console.error(
    `patch-postgres: postgres ${version} is installed, this patch is for ${expected}: check upstream #1208, #1192`,
  )
  process.exit(1)
}

const mark = (issue) => `/* deling: #${issue} */`
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${mark(1208)} if (!socket) return (chunk = nextWriteTimer = null, false)\n    const x = socket.write(chunk, fn)`,
  ],
  [
    '    clearImmediate(nextWriteTimer)\n',
    `    clearImmediate(nextWriteTimer)\n    ${mark(1208)} nextWriteTimer = null\n`,
  ],
  ['        return fetchArrayTypes()\n', `        ${mark(1192)} return fetchArrayTypes().catch(noop)\n`],
]

for (const variant of ['src', 'cjs/src', 'cf/src']) {
  const file = path.join(root, variant, 'connection.js')
  let source = readFileSync(file, 'utf8')
  for (const [from, to] of replacements) {
    if (source.includes(to)) continue
    if (!source.includes(from)) {
      console.error(`patch-postgres: ${variant}/connection.js does not contain the expected code; not patched`)
      process.exit(1)
    }
    source = source.replaceAll(from, to)
  }
  writeFileSync(file, source)
}
console.log(`patch-postgres: postgres ${version} mended (#1208, #1192)`)

// Mends a crash in postgres.js 3.4.9 (porsager/postgres#1208): when a connection dies mid-write, a pending
// write can run after the socket is gone and throw `Cannot read properties of null (reading 'write')` from a
// timer, which no code can catch: the whole process exits during a database outage. The fix follows the
// upstream proposals (#1168, #1176, #1209): forget the pending write timer when the connection closes, and never
// write to a socket that is gone. Run by `npm ci` / `npm install` (postinstall); idempotent; refuses any other
// version, so upgrading the driver makes this script fail until it is checked again. See docs/adr/0015.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// The package's exports hide package.json from require.resolve; npm puts it at the top of node_modules.
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules', 'postgres')
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const expected = '3.4.9'
if (version !== expected) {
  console.error(`patch-postgres: postgres ${version} is installed, this patch is for ${expected}: check upstream #1208`)
  process.exit(1)
}

const marker = '/* deling: #1208 */'
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${marker} if (!socket) return (chunk = nextWriteTimer = null, false)\n    const x = socket.write(chunk, fn)`,
  ],
  ['    clearImmediate(nextWriteTimer)\n', `    clearImmediate(nextWriteTimer)\n    ${marker} nextWriteTimer = null\n`],
]

for (const variant of ['src', 'cjs/src', 'cf/src']) {
  const file = path.join(root, variant, 'connection.js')
  let source = readFileSync(file, 'utf8')
  if (source.includes(marker)) continue
  for (const [from, to] of replacements) {
    if (!source.includes(from)) {
      console.error(`patch-postgres: ${variant}/connection.js does not contain the expected code; not patched`)
      process.exit(1)
    }
    source = source.replaceAll(from, to)
  }
  writeFileSync(file, source)
}
console.log(`patch-postgres: postgres ${version} mended (#1208)`)

import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { lineBatcher } from './stdout-lines.ts'

describe('lineBatcher', () => {
  it('writes the lines of one turn of the event loop together, in order, after that turn', async () => {
    const writes: string[] = []
    const lines = lineBatcher({ write: (text: string) => writes.push(text) })
    lines.write('{"n":1}')
    lines.write('{"n":2}')
    expect(writes).toEqual([])
    await nextTurn()
    lines.write('{"n":3}')
    await nextTurn()
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n'])
  })

  it('writes what is waiting when flushed (the exit handler), and nothing twice', async () => {
    const writes: string[] = []
    const lines = lineBatcher({ write: (text: string) => writes.push(text) })
    lines.write('last words')
    lines.flush()
    await nextTurn()
    expect(writes).toEqual(['last words\n'])
  })
})

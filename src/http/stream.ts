/**
 * Turns text chunks into a response body sent as it is produced (the DCAT export, the access-log export). `finished` settles when
 * the stream ends, fails or is cancelled: until then the request keeps its database lease (on Workers a client).
 */
export function streamOf(chunks: AsyncGenerator<string>): {
  body: ReadableStream<Uint8Array>
  finished: Promise<void>
} {
  const encoder = new TextEncoder()
  let finish: () => void = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next()
        if (done) {
          controller.close()
          finish()
        } else if (value) controller.enqueue(encoder.encode(value))
      } catch (error) {
        controller.error(error)
        finish()
      }
    },
    async cancel() {
      finish()
      await chunks.return(undefined)
    },
  })
  return { body, finished }
}

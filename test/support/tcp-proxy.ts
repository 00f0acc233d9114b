import net from 'node:net'

/**
 * A loopback TCP proxy a test can cut and restore, to take a real service away from the app and give it back.
 * `onClientBytes` sees what clients send, so a test can act at one exact message.
 */
export async function startTcpProxy(targetHost: string, targetPort: number, onClientBytes?: (bytes: Buffer) => void) {
  const sockets = new Set<net.Socket>()
  let open = true
  let listening = true
  const server = net.createServer((client) => {
    if (!open) return client.destroy()
    const upstream = net.connect(targetPort, targetHost)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    if (onClientBytes) client.on('data', onClientBytes)
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  const dropAll = () => {
    for (const socket of sockets) socket.destroy()
  }
  return {
    port,
    /** Drops every connection and closes new ones as soon as they are accepted (a balancer before a dead service). */
    cut() {
      open = false
      dropAll()
    },
    /** Drops every connection and refuses new ones (ECONNREFUSED), as a stopped database does. */
    stop() {
      open = false
      dropAll()
      if (listening) server.close()
      listening = false
    },
    /** Accepts and forwards again, on the same port. */
    async restore() {
      open = true
      if (listening) return
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject)
          resolve()
        })
      })
      listening = true
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll()
        if (!listening) return resolve()
        server.close(() => resolve())
      }),
  }
}

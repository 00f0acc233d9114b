/**
 * Which upstream addresses the gateway may connect to. Pure (no DNS, no node: imports): the route checks literal
 * IPs and host names with it, and the Node client checks every address a name resolves to at connect time, so a
 * name that later resolves to a private address (DNS rebinding) is refused too.
 */

type Range = { version: 4 | 6; bits: bigint; prefix: number }

/** Parses an IPv4 or IPv6 literal (brackets allowed) to its 32- or 128-bit value; undefined when it is not one. */
export function parseIp(text: string): { version: 4 | 6; bits: bigint } | undefined {
  const address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  const v4 = parseIpv4(address)
  if (v4 !== undefined) return { version: 4, bits: v4 }
  const v6 = parseIpv6(address)
  return v6 === undefined ? undefined : { version: 6, bits: v6 }
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255))
    return undefined
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n)
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return undefined
  const colon = text.lastIndexOf(':')
  const last = text.slice(colon + 1)
  if (last.includes('.')) {
    // a trailing dotted IPv4 (::ffff:127.0.0.1) stands for the last two groups
    const v4 = parseIpv4(last)
    if (v4 === undefined || colon < 0) return undefined
    text = `${text.slice(0, colon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const [head = '', rest] = text.split('::')
  const split = (part: string) => (part === '' ? [] : part.split(':'))
  let groups = split(head)
  if (rest !== undefined) {
    const missing = 8 - groups.length - split(rest).length
    if (missing < 1) return undefined
    groups = [...groups, ...Array<string>(missing).fill('0'), ...split(rest)]
  }
  if (groups.length !== 8 || !groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined
  return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n)
}

/** `10.0.0.0/8`, `fd00::/8` or a single address; undefined when it is not a CIDR. */
export function parseCidr(text: string): Range | undefined {
  const [address = '', prefixText] = text.split('/')
  const ip = parseIp(address)
  if (!ip) return undefined
  const width = ip.version === 4 ? 32 : 128
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1
  if (prefix < 0 || prefix > width) return undefined
  return { ...ip, prefix }
}

const inRange = (ip: { version: 4 | 6; bits: bigint }, range: Range) => {
  if (ip.version !== range.version) return false
  const shift = BigInt((ip.version === 4 ? 32 : 128) - range.prefix)
  return ip.bits >> shift === range.bits >> shift
}

// Not routable on the internet, or meant for this machine or network: loopback, private (RFC 1918), shared
// (RFC 6598), link-local (cloud metadata lives at 169.254.169.254), unique-local, multicast, reserved.
const refusedRanges = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/3',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
].map((cidr) => parseCidr(cidr)!)

// IPv4 carried inside IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d) is judged as the IPv4 address it carries.
const embeddingRanges = ['::ffff:0:0/96', '64:ff9b::/96'].map((cidr) => parseCidr(cidr)!)

function effectiveIp(ip: { version: 4 | 6; bits: bigint }) {
  return embeddingRanges.some((range) => inRange(ip, range)) ? { version: 4 as const, bits: ip.bits & 0xffffffffn } : ip
}

/** Whether an address is one the gateway never connects to unless the operator allows it. */
export function isRestrictedAddress(address: string): boolean {
  const ip = parseIp(address)
  if (!ip) return true
  const effective = effectiveIp(ip)
  return refusedRanges.some((range) => inRange(effective, range))
}

export interface AddressGuard {
  /** Why the host (a name or a literal IP) is refused before any lookup, or undefined when it may be tried. */
  checkHost(hostname: string): string | undefined
  /** Why a resolved address is refused, or undefined when it may be connected to. */
  checkAddress(hostname: string, address: string): string | undefined
}

/** The guard for an allow list of host names, addresses and CIDRs (`DELING_UPSTREAM_ALLOW`). */
export function addressGuard(allow: readonly string[]): AddressGuard {
  const names = new Set(allow.filter((entry) => !parseCidr(entry)).map((name) => name.toLowerCase()))
  const ranges = allow.flatMap((entry) => parseCidr(entry) ?? [])
  const allowedAddress = (address: string) => {
    const ip = parseIp(address)
    return ip !== undefined && ranges.some((range) => inRange(effectiveIp(ip), range))
  }
  const refusal = (what: string) =>
    `the data service's address ${what} is private, loopback or link-local, and not in DELING_UPSTREAM_ALLOW`
  return {
    checkHost(hostname) {
      const host = hostname.toLowerCase().replace(/\.$/, '')
      if (names.has(host)) return undefined
      if (parseIp(host)) return allowedAddress(host) || !isRestrictedAddress(host) ? undefined : refusal(host)
      // RFC 6761: localhost names never leave the machine, whatever a resolver says
      if (host === 'localhost' || host.endsWith('.localhost')) return refusal(host)
      return undefined
    },
    checkAddress(hostname, address) {
      if (names.has(hostname.toLowerCase().replace(/\.$/, '')) || allowedAddress(address)) return undefined
      return isRestrictedAddress(address) ? refusal(`${address} (${hostname})`) : undefined
    },
  }
}

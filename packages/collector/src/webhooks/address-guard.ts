// Where a webhook may be sent. A URL an admin types could point the
// collector at its own network (the database, a cloud metadata service at
// 169.254.169.254): server-side request forgery. So the destination's name
// is resolved once, every address it resolves to is checked, and the request
// then connects to that checked address (send.ts passes it as the socket's
// lookup), with the original name in Host and TLS SNI: there is no second
// resolution a rebinding DNS server could answer differently.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Why a destination is refused (the `reason` of the error). */
export type AddressClass = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared (CGNAT)' | 'multicast' | 'reserved' | 'documentation';

/** A resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses (tests pass their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo, as the rest of Node uses). */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** A destination refused, with why. */
export class DestinationRefused extends Error {
  readonly code = 'E_WEBHOOK_DESTINATION';
  constructor(message: string) {
    super(message);
    this.name = 'DestinationRefused';
  }
}

type Range = readonly [bigint, number, AddressClass];

function v4(address: string): bigint | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n);
}

function v6(address: string): bigint | undefined {
  let text = address.toLowerCase();
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4(dotted[1]!);
    if (n === undefined) return undefined;
    text = text.slice(0, -dotted[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

const r4 = (cidr: string, kind: AddressClass): Range => {
  const [a, p] = cidr.split('/');
  return [v4(a!)!, Number(p), kind];
};
const r6 = (cidr: string, kind: AddressClass): Range => {
  const [a, p] = cidr.split('/');
  return [v6(a!)!, Number(p), kind];
};

// IANA special-purpose registries (RFC 6890 and updates): everything that
// is not a public unicast destination.
const V4: readonly Range[] = [
  r4('0.0.0.0/8', 'unspecified'),
  r4('10.0.0.0/8', 'private'),
  r4('100.64.0.0/10', 'shared (CGNAT)'),
  r4('127.0.0.0/8', 'loopback'),
  r4('169.254.0.0/16', 'link-local'),
  r4('172.16.0.0/12', 'private'),
  r4('192.0.0.0/24', 'reserved'),
  r4('192.0.2.0/24', 'documentation'),
  r4('192.88.99.0/24', 'reserved'),
  r4('192.168.0.0/16', 'private'),
  r4('198.18.0.0/15', 'reserved'),
  r4('198.51.100.0/24', 'documentation'),
  r4('203.0.113.0/24', 'documentation'),
  r4('224.0.0.0/4', 'multicast'),
  r4('240.0.0.0/4', 'reserved'),
];
const V6: readonly Range[] = [
  r6('::/128', 'unspecified'),
  r6('::1/128', 'loopback'),
  r6('100::/64', 'reserved'),
  r6('2001:db8::/32', 'documentation'),
  r6('fc00::/7', 'private'),
  r6('fe80::/10', 'link-local'),
  r6('fec0::/10', 'private'),
  r6('ff00::/8', 'multicast'),
];
// IPv6 forms that carry an IPv4 address a packet may end up at: mapped
// (::ffff:a.b.c.d), the old compatible form (::a.b.c.d) and NAT64 (64:ff9b::/96).
const EMBEDDING = [r6('::ffff:0:0/96', 'reserved'), r6('::/96', 'reserved'), r6('64:ff9b::/96', 'reserved')];

const inRange = (n: bigint, bits: number, [base, prefix]: Range) => n >> BigInt(bits - prefix) === base >> BigInt(bits - prefix);

/** The class of an IP address that is not public, or `undefined` for a public one (or not an IP). */
export function classify(address: string): AddressClass | undefined {
  const family = isIP(address);
  if (family === 4) {
    const n = v4(address)!;
    return V4.find((r) => inRange(n, 32, r))?.[2];
  }
  if (family !== 6) return undefined;
  const n = v6(address.replace(/%.*$/, ''));
  if (n === undefined) return 'reserved';
  const own = V6.find((r) => inRange(n, 128, r))?.[2];
  if (own) return own;
  if (EMBEDDING.some((r) => inRange(n, 128, r))) {
    const inner = n & 0xffffffffn;
    const dotted = [24n, 16n, 8n, 0n].map((s) => String((inner >> s) & 0xffn)).join('.');
    return classify(dotted);
  }
  return undefined;
}

/** What may be reached besides public addresses: everything, or these CIDR blocks. */
export interface AddressPolicy {
  allowPrivateAddresses: boolean;
  /** CIDR blocks (`127.0.0.1/32`, `fd00::/8`) allowed although not public. */
  allowedNetworks: readonly string[];
}

/** Parses a CIDR block; `undefined` when it is not one. */
export function parseNetwork(cidr: string): { family: 4 | 6; range: Range } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return undefined;
  const family = isIP(m[1]!);
  const prefix = Number(m[2]);
  if (family === 4 && prefix <= 32) return { family: 4, range: [v4(m[1]!)!, prefix, 'private'] };
  if (family === 6 && prefix <= 128) {
    const n = v6(m[1]!);
    return n === undefined ? undefined : { family: 6, range: [n, prefix, 'private'] };
  }
  return undefined;
}

function allowed(address: ResolvedAddress, policy: AddressPolicy): boolean {
  if (policy.allowPrivateAddresses) return true;
  const n = address.family === 4 ? v4(address.address) : v6(address.address);
  if (n === undefined) return false;
  return policy.allowedNetworks.some((cidr) => {
    const net = parseNetwork(cidr);
    return net !== undefined && net.family === address.family && inRange(n, address.family === 4 ? 32 : 128, net.range);
  });
}

/**
 * The address to connect to for `url`: resolved once, and refused
 * (`DestinationRefused`) when it is not http(s) or when any address the
 * name resolves to is not public and not allowed by `policy`. Any, not the
 * first: a name with one public and one private address could be answered
 * either way by the next resolver.
 */
export async function checkDestination(url: URL, policy: AddressPolicy, resolve: Resolver = systemResolver): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DestinationRefused(`${url.protocol} is not http: or https:`);
  // The URL parser has already turned 127.1, 0x7f.1 and 2130706433 into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  let addresses: ResolvedAddress[];
  if (family !== 0) addresses = [{ address: host, family: family as 4 | 6 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      throw new DestinationRefused(`${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (addresses.length === 0) throw new DestinationRefused(`${host} does not resolve`);
  }
  for (const a of addresses) {
    const kind = classify(a.address);
    if (kind && !allowed(a, policy)) {
      throw new DestinationRefused(`${host} resolves to ${a.address}, a ${kind} address; set webhooks.allowPrivateAddresses or list its network in webhooks.allowedNetworks to allow it`);
    }
  }
  return addresses[0]!;
}

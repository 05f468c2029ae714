// Outgoing calls (Slack today; the webhooks dispatcher has its own guard on
// its branch, to be unified) refuse loopback, private, link-local and other
// special addresses unless the config allows them. The check sits in the
// socket's DNS lookup, so the address checked is the address connected to:
// a name that resolves to a public address for a check and a private one
// for the connection (DNS rebinding) cannot slip through.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { SaysoError } from '@sayso/core';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 can reach private IPv4
  ['2001:db8::', 32], // documentation
] as const) blocked.addSubnet(net, bits, 'ipv6');

/** True when `address` (an IP) is loopback, private, link-local or otherwise not a public destination. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // IPv4-mapped (::ffff:10.0.0.1) is the IPv4 address underneath.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

const refusal = (host: string, address: string) =>
  new SaysoError('E_DELIVERY_REJECTED', `refused: ${host} resolves to ${address}, a private address (set allowPrivateDestinations to allow it)`);

/**
 * Throws `E_DELIVERY_REJECTED` when `hostname` (a URL's, IPv6 in brackets) is
 * a private IP literal. Node connects to a literal without calling `lookup`,
 * so literals must be checked here, before the request.
 */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): void {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  if (!allowPrivate && isIP(bare) !== 0 && isPrivateAddress(bare)) throw refusal(hostname, bare);
}

/** A `lookup` for `http.request` that fails with `E_DELIVERY_REJECTED` on a private address, unless `allowPrivate`. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (refused) {
        return callback(refusal(hostname, refused.address) as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return callback(null, addresses as never);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

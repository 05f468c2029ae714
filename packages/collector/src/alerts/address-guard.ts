// Outgoing calls of alerts (Slack) refuse loopback, private, link-local and
// other special addresses unless the config allows them. Which addresses
// those are is the webhooks guard's one table (webhooks/address-guard.ts,
// IANA's special-purpose registries); here the check sits in the socket's
// DNS lookup, so the address checked is the address connected to: a name
// that resolves to a public address for a check and a private one for the
// connection (DNS rebinding) cannot slip through.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { SaysoError } from '@sayso/core';
import { classify } from '../webhooks/address-guard.js';

/** True when `address` (an IP) is loopback, private, link-local or otherwise not a public destination; anything that is not an IP is refused too. */
export function isPrivateAddress(address: string): boolean {
  return isIP(address) === 0 || classify(address) !== undefined;
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

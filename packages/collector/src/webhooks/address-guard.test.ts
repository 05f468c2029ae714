import { describe, expect, it } from 'vitest';
import { checkDestination, classify, DestinationRefused, parseNetwork, type AddressPolicy, type Resolver } from './address-guard.js';

const strict: AddressPolicy = { allowPrivateAddresses: false, allowedNetworks: [] };
const fixed =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = table[host];
    if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
const refused = (url: string, policy = strict, resolve: Resolver = fixed({})) => checkDestination(new URL(url), policy, resolve).then(
  () => undefined,
  (err: unknown) => (err instanceof DestinationRefused ? err.message : `unexpected: ${String(err)}`),
);

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.255.255', 'loopback'], ['0.0.0.0', 'unspecified'], ['10.0.0.1', 'private'], ['10.255.255.255', 'private'],
    ['172.16.0.0', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'link-local'],
    ['100.64.0.0', 'shared (CGNAT)'], ['100.127.255.255', 'shared (CGNAT)'], ['224.0.0.1', 'multicast'], ['239.255.255.255', 'multicast'],
    ['255.255.255.255', 'reserved'], ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'link-local'], ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'], ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:10.1.2.3', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local'], ['64:ff9b::7f00:1', 'loopback'], ['::127.0.0.1', 'loopback'], ['fe80::1%eth0', 'link-local'],
  ])('%s is %s', (address, kind) => expect(classify(address)).toBe(kind));

  it.each([
    '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '169.255.0.0', '11.0.0.0', '9.255.255.255',
    '126.255.255.255', '128.0.0.0', '192.167.255.255', '192.169.0.0', '223.255.255.255', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8',
    '2001:4860:4860::8888', 'fbff:ffff::1', '2001:db9::1', '2001:db7:ffff::1',
  ])('%s is public', (address) => expect(classify(address)).toBeUndefined());
});

describe('checkDestination', () => {
  it.each(['http://127.0.0.1/', 'http://127.1/', 'http://0x7f.1/', 'http://2130706433/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://10.0.0.1/',
    'http://172.16.0.1/', 'http://172.31.255.255/', 'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[fe80::1]/'])('refuses %s', async (url) => {
    expect(await refused(url)).toMatch(/resolves to .* address/);
  });

  it('accepts the near misses outside each private block', async () => {
    for (const url of ['http://172.15.255.255/', 'http://172.32.0.0/', 'http://100.63.255.255/', 'http://100.128.0.0/', 'https://8.8.8.8/hook']) {
      expect(await refused(url), url).toBeUndefined();
    }
  });

  it('refuses a name that resolves to a private address, and one with any private address among public ones', async () => {
    const resolve = fixed({ 'hooks.example': ['93.184.216.34'], 'evil.example': ['10.0.0.5'], 'mixed.example': ['93.184.216.34', '127.0.0.1'], 'v6.example': ['::ffff:192.168.0.1'] });
    expect(await refused('https://hooks.example/x', strict, resolve)).toBeUndefined();
    expect(await refused('https://evil.example/x', strict, resolve)).toMatch(/evil\.example resolves to 10\.0\.0\.5, a private address/);
    expect(await refused('https://mixed.example/x', strict, resolve)).toMatch(/127\.0\.0\.1, a loopback/);
    expect(await refused('https://v6.example/x', strict, resolve)).toMatch(/private/);
    expect(await refused('https://missing.example/x', strict, resolve)).toMatch(/does not resolve \(ENOTFOUND\)/);
  });

  it('returns the checked address, which is what gets connected to', async () => {
    const a = await checkDestination(new URL('https://hooks.example/x'), strict, fixed({ 'hooks.example': ['93.184.216.34'] }));
    expect(a).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('refuses other schemes', async () => {
    expect(await refused('ftp://8.8.8.8/')).toMatch(/ftp: is not http/);
    expect(await refused('file:///etc/passwd')).toMatch(/file: is not http/);
  });

  it('allows private addresses only as configured: all of them, or listed networks exactly', async () => {
    expect(await refused('http://10.0.0.1/', { allowPrivateAddresses: true, allowedNetworks: [] })).toBeUndefined();
    const loopback: AddressPolicy = { allowPrivateAddresses: false, allowedNetworks: ['127.0.0.1/32'] };
    expect(await refused('http://127.0.0.1:9/', loopback)).toBeUndefined();
    expect(await refused('http://127.0.0.2/', loopback)).toMatch(/loopback/);
    expect(await refused('http://[::1]/', loopback)).toMatch(/loopback/);
    const v6: AddressPolicy = { allowPrivateAddresses: false, allowedNetworks: ['fd00::/8'] };
    expect(await refused('http://[fd00::5]/', v6)).toBeUndefined();
    expect(await refused('http://[fe80::5]/', v6)).toMatch(/link-local/);
  });

  it('parses networks', () => {
    expect(parseNetwork('10.0.0.0/8')?.family).toBe(4);
    expect(parseNetwork('fd00::/8')?.family).toBe(6);
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '::/129', 'example.com/8', '10.0.0/8', '']) expect(parseNetwork(bad), bad).toBeUndefined();
  });
});

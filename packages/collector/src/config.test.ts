import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isSaysoError } from '@sayso/core';
import { defaultLimits, loadConfig, resolveConfig } from './config.js';

const good = () => ({ secret: 'long-enough-secret-0123456789abcdef', sites: [{ id: 'shop', origins: ['https://shop.example'], surveys: [{ id: 'nps', kind: 'nps', question: 'Q?' }] }] });

function pathOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isSaysoError(err) && err.code).toBe('E_CONFIG_INVALID');
    return (err as { path?: string }).path;
  }
  throw new Error('expected a config error');
}

describe('resolveConfig', () => {
  test('applies defaults', () => {
    const c = resolveConfig(good());
    expect(c.limits).toEqual(defaultLimits);
    expect(c.sites.get('shop')).toMatchObject({ origins: ['https://shop.example'], segments: [] });
  });

  test.each([
    ['secret', (c: any) => (c.secret = 'short')],
    ['identitySecret', (c: any) => (c.identitySecret = 'x')],
    ['sites', (c: any) => (c.sites = [])],
    ['sites[0].id', (c: any) => (c.sites[0].id = 'has space')],
    ['sites[0].origins', (c: any) => (c.sites[0].origins = 'https://x')],
    ['sites[0].origins[1]', (c: any) => c.sites[0].origins.push('shop.example')],
    ['sites[0].origins[1]', (c: any) => c.sites[0].origins.push('https://shop.example/path')],
    ['sites[0].surveys[0].kind', (c: any) => (c.sites[0].surveys[0].kind = 'xyz')],
    ['sites[0].surveys[1].id', (c: any) => c.sites[0].surveys.push({ id: 'nps', kind: 'nps', question: 'again' })],
    ['sites[0].segments', (c: any) => (c.sites[0].segments = [''])],
    ['sites[1].id', (c: any) => c.sites.push({ ...c.sites[0] })],
    ['limits.maxBodyBytes', (c: any) => (c.limits = { maxBodyBytes: -1 })],
    ['limits.nope', (c: any) => (c.limits = { nope: 1 })],
  ])('a bad %s is named', (path, breakIt) => {
    const c = good();
    breakIt(c);
    expect(pathOf(() => resolveConfig(c))).toBe(path);
  });
});

describe('loadConfig', () => {
  test('reads the file, then the environment wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sayso-config-'));
    const file = join(dir, 'sayso.config.json');
    await writeFile(file, JSON.stringify(good()));
    const c = await loadConfig({ file, env: { SAYSO_SECRET: 'from-the-environment-0123456789abcdef', SAYSO_IP_PER_MINUTE: '5' } });
    expect(resolveConfig(c)).toMatchObject({ secret: 'from-the-environment-0123456789abcdef', limits: { ipPerMinute: 5 } });
  });

  test('SAYSO_PUBLIC_URL and SAYSO_ALLOWED_HOSTS (comma-separated) set the collector\'s names', async () => {
    const c = await loadConfig({ env: { SAYSO_SECRET: 's'.repeat(32), SAYSO_PUBLIC_URL: 'https://feedback.example', SAYSO_ALLOWED_HOSTS: ' a.example, b.example:8443 ,' } });
    expect(resolveConfig({ ...c, sites: good().sites })).toMatchObject({ publicOrigin: 'https://feedback.example', allowedHosts: ['a.example', 'b.example:8443'] });
  });

  test('bad JSON, a missing file and a bad number name their source', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sayso-config-'));
    const file = join(dir, 'bad.json');
    await writeFile(file, '{ "secret": ');
    await expect(loadConfig({ file, env: {} })).rejects.toMatchObject({ code: 'E_CONFIG_INVALID', path: file });
    await expect(loadConfig({ file: join(dir, 'missing.json'), env: {} })).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    await expect(loadConfig({ env: { SAYSO_IP_PER_MINUTE: 'lots' } })).rejects.toMatchObject({ path: 'SAYSO_IP_PER_MINUTE' });
  });
});

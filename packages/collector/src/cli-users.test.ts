// The `users` commands and the first run, in-process on the collector's
// real storage (the spawned CLI is tested in cli.test.ts).
import { afterEach, expect, test } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureFirstAdmin } from './auth/first-run.js';
import { verifyPassword } from './auth/password.js';
import { usersCommand, type UsersIo, type UsersOptions } from './cli-users.js';
import type { Collector } from './collector.js';
import { testCollector } from './test-fixtures.js';

let c: Collector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

function io(answers: string[] = []): UsersIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), ...(answers.length ? { askPassword: async () => answers.shift()! } : {}) };
}

const run = (command: string, options: UsersOptions, out = io()) => usersCommand(command, options, c!.storage, out).then(() => out.lines);

test('users add with a password, list, set-role, disable, enable; changes logged as the command line', async () => {
  c = await testCollector();
  expect(await run('list', {})).toEqual(['no users yet: `sayso-collector users add --email <e> --role admin`']);
  expect(await run('add', { email: 'Ana@Shop.test', role: 'admin', password: 'a long enough passphrase', name: 'Ana' })).toEqual(['added Ana@Shop.test (admin)']);
  const ana = (await c.storage.users.byEmail('ana@shop.test'))!;
  expect(await verifyPassword('a long enough passphrase', ana.passwordHash)).toBe(true);
  expect(await run('add', { email: 'ed@shop.test', role: 'editor', password: 'another long passphrase' })).toEqual(['added ed@shop.test (editor)']);
  expect(await run('list', {})).toEqual(['Ana@Shop.test\tadmin\tlast sign-in: never', 'ed@shop.test\teditor\tlast sign-in: never']);
  expect(await run('set-role', { email: 'ED@shop.test', role: 'publisher' })).toEqual(['ed@shop.test is now publisher']);
  expect(await run('disable', { email: 'ed@shop.test' })).toEqual(['ed@shop.test is disabled (signed out everywhere)']);
  expect((await run('list', {}))[1]).toBe('ed@shop.test\tpublisher\tdisabled\tlast sign-in: never');
  expect(await run('enable', { email: 'ed@shop.test' })).toEqual(['ed@shop.test is enabled']);
  const log = await c.storage.activity.list({ limit: 10, subject: { type: 'user' } });
  expect(log.map((e) => e.action)).toEqual(['user.update', 'user.update', 'user.update', 'user.add', 'user.add']);
  expect(log.every((e) => e.actor.label === 'command line')).toBe(true);
}, 60_000);

test('without --password: generated and printed when there is no terminal; asked twice on one', async () => {
  c = await testCollector();
  const [line] = await run('add', { email: 'gen@shop.test', role: 'viewer' });
  const printed = /^added gen@shop\.test \(viewer\), password: ([a-z2-9-]{23})$/.exec(line!)![1]!;
  expect(await verifyPassword(printed, (await c.storage.users.byEmail('gen@shop.test'))!.passwordHash)).toBe(true);
  expect(await run('add', { email: 'asked@shop.test', role: 'viewer' }, io(['typed on a terminal', 'typed on a terminal']))).toEqual(['added asked@shop.test (viewer)']);
  expect(await verifyPassword('typed on a terminal', (await c.storage.users.byEmail('asked@shop.test'))!.passwordHash)).toBe(true);
  await expect(run('add', { email: 'typo@shop.test', role: 'viewer' }, io(['typed on a terminal', 'typed on a terminaI']))).rejects.toThrow('--password: the two passwords differ');
  // An empty answer generates one.
  expect((await run('add', { email: 'empty@shop.test', role: 'viewer' }, io([''])))[0]).toMatch(/, password: [a-z2-9-]{23}$/);
  const [reset] = await run('set-password', { email: 'gen@shop.test' });
  const fresh = /: ([a-z2-9-]{23})$/.exec(reset!)![1]!;
  expect(await verifyPassword(fresh, (await c.storage.users.byEmail('gen@shop.test'))!.passwordHash)).toBe(true);
}, 60_000);

test('refusals name the option', async () => {
  c = await testCollector();
  await run('add', { email: 'root@shop.test', role: 'admin', password: 'a long enough passphrase' });
  await expect(run('add', { role: 'admin' })).rejects.toThrow('--email: is required');
  await expect(run('add', { email: 'nope', role: 'admin' })).rejects.toThrow(/^--email: must be an email/);
  await expect(run('add', { email: 'x@shop.test', role: 'owner' })).rejects.toThrow('--role: must be one of viewer, editor, publisher, admin');
  await expect(run('add', { email: 'x@shop.test', role: 'viewer', password: 'short' })).rejects.toThrow(/^--password: must have at least 15/);
  await expect(run('add', { email: 'ROOT@shop.test', role: 'viewer', password: 'a long enough passphrase' })).rejects.toThrow('--email: a user with the email ROOT@shop.test exists');
  await expect(run('set-role', { email: 'root@shop.test', role: 'editor' })).rejects.toThrow('--email: root@shop.test is the last active admin: make another user an admin first');
  await expect(run('disable', { email: 'root@shop.test' })).rejects.toThrow(/last active admin/);
  await expect(run('disable', { email: 'ghost@shop.test' })).rejects.toThrow('--email: no user has the email ghost@shop.test');
  await expect(run('remove', {})).rejects.toThrow(/^users: "remove" is not a users command/);
}, 60_000);

test('first run: an admin with a generated password when there are no users, once; --dev: the demo account, printed while its password holds', async () => {
  c = await testCollector();
  const first = await ensureFirstAdmin(c.storage, { dev: false, email: 'admin@localhost' });
  expect(first).toMatchObject({ email: 'admin@localhost', created: true });
  expect(first!.password).toMatch(/^[a-z2-9-]{23}$/);
  const admin = (await c.storage.users.byEmail('admin@localhost'))!;
  expect(admin.role).toBe('admin');
  expect(await verifyPassword(first!.password!, admin.passwordHash)).toBe(true);
  expect(await ensureFirstAdmin(c.storage, { dev: false, email: 'admin@localhost' })).toBeUndefined();
  // --dev on a database that already has users (and no demo account): nothing is made.
  expect(await ensureFirstAdmin(c.storage, { dev: true, email: 'ignored' })).toBeUndefined();
  await c.close();
  c = await testCollector();
  expect(await ensureFirstAdmin(c.storage, { dev: true, email: 'ignored' })).toEqual({ email: DEMO_EMAIL, password: DEMO_PASSWORD, created: true });
  expect(await ensureFirstAdmin(c.storage, { dev: true, email: 'ignored' })).toEqual({ email: DEMO_EMAIL, password: DEMO_PASSWORD, created: false });
  // Once someone changes the demo password, it is no longer printed.
  await run('set-password', { email: DEMO_EMAIL, password: 'a password of my own' });
  expect(await ensureFirstAdmin(c.storage, { dev: true, email: 'ignored' })).toEqual({ email: DEMO_EMAIL, created: false });
}, 60_000);

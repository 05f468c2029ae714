// The accounts part of the shared storage suite (storage-suite.ts calls it
// inside its describe, so it runs on PGlite and on PostgreSQL): users with
// folded emails, the last-admin rule under concurrency, sessions that slide
// and end, tokens that are revoked, and every change in the activity log in
// its own transaction, without a hash.
import { expect, test } from 'vitest';
import type { SqlDriver } from './driver.js';
import type { SessionLifetime } from './sessions.js';
import type { Storage } from './types.js';
import type { NewUser } from './users.js';

type Make = (migrate?: boolean) => Promise<{ storage: Storage; driver: SqlDriver }>;

const by = { kind: 'secret' as const, id: 'cli', label: 'command line' };
const life: SessionLifetime = { idleSeconds: 3600, maxSeconds: 7200, touchSeconds: 0 };
const user = (o: Partial<NewUser> = {}): NewUser => ({ email: 'Ana@Shop.test', name: 'Ana', role: 'editor', passwordHash: '$scrypt$stand-in', ...o });

export function peopleSuite(make: Make): void {
  test('users: an email is one account whatever its case, stored as given; no hash leaves but through byEmail', async () => {
    const { storage } = await make();
    const ana = await storage.users.add(user(), by);
    if (ana === 'exists') throw new Error('unexpected');
    expect(ana).toMatchObject({ email: 'Ana@Shop.test', name: 'Ana', role: 'editor', disabled: false, lastSignInAt: null });
    expect(Object.keys(ana)).not.toContain('passwordHash');
    expect(await storage.users.add(user({ email: 'ana@shop.TEST' }), by)).toBe('exists');
    // A longer or shorter address is another account.
    expect(await storage.users.add(user({ email: 'ana@shop.test.evil' }), by)).not.toBe('exists');
    expect(await storage.users.add(user({ email: 'na@shop.test' }), by)).not.toBe('exists');
    expect((await storage.users.byEmail('ANA@shop.test'))?.id).toBe(ana.id);
    expect((await storage.users.byEmail('ANA@shop.test'))?.passwordHash).toBe('$scrypt$stand-in');
    expect(await storage.users.byEmail('ana@shop.tes')).toBeUndefined();
    expect(await storage.users.count()).toBe(3);
    expect((await storage.users.list()).map((u) => u.email)).toEqual(['Ana@Shop.test', 'ana@shop.test.evil', 'na@shop.test']);
    await storage.users.signedIn(ana.id);
    expect(Date.parse((await storage.users.get(ana.id))!.lastSignInAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('users: addFirst makes one user only on an empty table, also when two race', async () => {
    const { storage } = await make();
    const [a, b] = await Promise.all([storage.users.addFirst(user({ email: 'a@x.test', role: 'admin' }), by), storage.users.addFirst(user({ email: 'b@x.test', role: 'admin' }), by)]);
    expect([a, b].filter((u) => u !== undefined)).toHaveLength(1);
    expect(await storage.users.count()).toBe(1);
    expect(await storage.users.addFirst(user({ email: 'c@x.test' }), by)).toBeUndefined();
  });

  test('users: the last active admin cannot be demoted, disabled or deleted, not even by two admins at once', async () => {
    const { storage } = await make();
    const a = (await storage.users.add(user({ email: 'a@x.test', role: 'admin' }), by)) as { id: string };
    const b = (await storage.users.add(user({ email: 'b@x.test', role: 'admin' }), by)) as { id: string };
    // Each demotes the other at the same moment: one wins, one is refused.
    const both = await Promise.all([storage.users.update(a.id, { role: 'editor' }, by), storage.users.update(b.id, { role: 'editor' }, by)]);
    expect(both.filter((r) => r === 'last-admin')).toHaveLength(1);
    const admins = (await storage.users.list()).filter((u) => u.role === 'admin');
    expect(admins).toHaveLength(1);
    const last = admins[0]!;
    expect(await storage.users.update(last.id, { disabled: true }, by)).toBe('last-admin');
    expect(await storage.users.update(last.id, { role: 'publisher' }, by)).toBe('last-admin');
    expect(await storage.users.remove(last.id, by)).toBe('last-admin');
    // Changes that keep it an active admin are fine.
    expect(await storage.users.update(last.id, { name: 'Still admin', role: 'admin', disabled: false }, by)).toMatchObject({ name: 'Still admin' });
    // A disabled admin does not count as the other admin.
    const c = (await storage.users.add(user({ email: 'c@x.test', role: 'admin' }), by)) as { id: string };
    expect(await storage.users.update(c.id, { disabled: true }, by)).toMatchObject({ disabled: true });
    expect(await storage.users.update(last.id, { role: 'viewer' }, by)).toBe('last-admin');
    expect(await storage.users.update('nobody', { name: 'x' }, by)).toBe('not-found');
    expect(await storage.users.remove('nobody', by)).toBe('not-found');
  });

  test('sessions: valid until expiry, slide within the cap, end on revoke, on a new password, on disabling, with the user', async () => {
    const { storage, driver } = await make();
    const ana = (await storage.users.add(user(), by)) as { id: string };
    await storage.sessions.create('h1', ana.id, life);
    const first = await storage.sessions.use('h1', life);
    if (typeof first === 'string') throw new Error(first);
    expect(first.user).toMatchObject({ id: ana.id, email: 'Ana@Shop.test', role: 'editor' });
    expect(await storage.sessions.use('h', life)).toBe('unknown');
    expect(await storage.sessions.use('h1x', life)).toBe('unknown');
    // Sliding: a use pushes the expiry to now + idle, never past created + max.
    await driver.query(`update sayso_sessions set created_at = now() - interval '7000 seconds', expires_at = now() + interval '10 seconds'`);
    const slid = await storage.sessions.use('h1', life);
    if (typeof slid === 'string') throw new Error(slid);
    const capped = Date.parse(slid.expiresAt) - Date.now();
    expect(capped).toBeGreaterThan(150_000);
    expect(capped).toBeLessThan(210_000); // created + 7200 s = now + 200 s, not now + 3600 s
    await driver.query(`update sayso_sessions set expires_at = now() - interval '1 second'`);
    expect(await storage.sessions.use('h1', life)).toBe('expired');
    // An expired session does not slide back to life.
    expect(await storage.sessions.use('h1', life)).toBe('expired');
    await storage.sessions.create('h2', ana.id, life);
    expect(await storage.sessions.revoke('h2')).toBe(true);
    expect(await storage.sessions.revoke('h2')).toBe(false);
    expect(await storage.sessions.use('h2', life)).toBe('unknown');
    await storage.sessions.create('h3', ana.id, life);
    await storage.users.update(ana.id, { name: 'Ana B' }, by);
    expect(typeof (await storage.sessions.use('h3', life))).toBe('object');
    await storage.users.update(ana.id, { passwordHash: '$scrypt$new' }, by);
    expect(await storage.sessions.use('h3', life)).toBe('unknown');
    await storage.sessions.create('h4', ana.id, life);
    await storage.users.update(ana.id, { disabled: true }, by);
    expect(await storage.sessions.use('h4', life)).toBe('unknown');
    await storage.users.update(ana.id, { disabled: false }, by);
    await storage.sessions.create('h5', ana.id, life);
    await storage.users.remove(ana.id, by);
    expect(await storage.sessions.use('h5', life)).toBe('unknown');
    // Swept: ended more than a day ago.
    const bo = (await storage.users.add(user({ email: 'bo@x.test' }), by)) as { id: string };
    await storage.sessions.create('old', bo.id, life);
    await storage.sessions.create('new', bo.id, life);
    await driver.query(`update sayso_sessions set expires_at = now() - interval '25 hours' where id_hash = 'old'`);
    expect(await storage.sessions.sweep()).toBe(1);
    expect(typeof (await storage.sessions.use('new', life))).toBe('object');
  });

  test('tokens: found by hash with their maker, revoked for good, listed without secrets, gone with the user', async () => {
    const { storage, driver } = await make();
    const ana = (await storage.users.add(user(), by)) as { id: string };
    const t = await storage.apiTokens.add({ userId: ana.id, name: 'ci', role: 'viewer', hash: 'th1' }, by);
    expect(t).toMatchObject({ name: 'ci', role: 'viewer', lastUsedAt: null });
    const used = await storage.apiTokens.use('th1', 60);
    if (typeof used === 'string') throw new Error(used);
    expect(used.user).toMatchObject({ id: ana.id, role: 'editor' });
    expect((await storage.apiTokens.list(ana.id))[0]!.lastUsedAt).not.toBeNull();
    expect(await storage.apiTokens.use('th', 60)).toBe('unknown');
    expect(await storage.apiTokens.revoke(t.id, 'someone else', by)).toBe('not-found');
    expect(await storage.apiTokens.revoke(t.id, ana.id, by)).toMatchObject({ id: t.id });
    expect(await storage.apiTokens.revoke(t.id, ana.id, by)).toBe('not-found');
    expect(await storage.apiTokens.use('th1', 60)).toBe('revoked');
    expect(await storage.apiTokens.list(ana.id)).toEqual([]);
    const t2 = await storage.apiTokens.add({ userId: ana.id, name: 'cron', role: 'editor', hash: 'th2' }, by);
    expect(await storage.apiTokens.revoke(t2.id, null, by)).toMatchObject({ id: t2.id });
    await storage.apiTokens.add({ userId: ana.id, name: 'cron', role: 'editor', hash: 'th3' }, by);
    await storage.users.remove(ana.id, by);
    expect(await storage.apiTokens.use('th3', 60)).toBe('unknown');
    expect(Number((await driver.query<{ n: number }>(`select count(*)::int as n from sayso_api_tokens`))[0]!.n)).toBe(0);
  });

  test('accounts: every change is in the activity log, without a password hash, and rolls back with its change', async () => {
    const { storage, driver } = await make();
    const ana = (await storage.users.add(user({ role: 'admin' }), by)) as { id: string };
    await storage.users.update(ana.id, { passwordHash: '$scrypt$secret-hash', name: 'Ana B' }, by);
    await storage.apiTokens.add({ userId: ana.id, name: 'ci', role: 'viewer', hash: 'token-hash' }, by);
    // A refused change records nothing.
    expect(await storage.users.update(ana.id, { role: 'viewer' }, by)).toBe('last-admin');
    // A change that changes nothing records nothing either.
    await storage.users.update(ana.id, { name: 'Ana B' }, by);
    const log = await storage.activity.list({ limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['token.add', 'user.update', 'user.add']);
    expect(log[1]!.diff).toEqual({ name: { from: 'Ana', to: 'Ana B' }, password: 'changed' });
    expect(log[2]).toMatchObject({ site: null, actor: by, subject: { type: 'user', id: ana.id }, diff: { email: 'Ana@Shop.test', role: 'admin' } });
    const raw = JSON.stringify(await driver.query(`select * from sayso_activity`));
    expect(raw).not.toContain('secret-hash');
    expect(raw).not.toContain('stand-in');
    expect(raw).not.toContain('token-hash');
    // The entry commits with its change: a failing activity write rolls the user back.
    await driver.exec(`alter table sayso_activity add constraint no_more check (action <> 'user.add') not valid`);
    await expect(storage.users.add(user({ email: 'bo@x.test' }), by)).rejects.toThrow();
    expect(await storage.users.byEmail('bo@x.test')).toBeUndefined();
  });
}

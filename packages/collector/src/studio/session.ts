// Who is signed in, and the site the screens are about. Both are shared by
// every screen, so they live here rather than beside one of them.
import { computed, signal } from '@preact/signals';
import { atLeast, type Role } from '../auth/roles.js';
import { admin, call, signedOut } from './api/client.js';
import type { Me, Site } from './api/types.js';

/** The signed-in actor; undefined while the first /me is in flight, null when signed out. */
export const me = signal<Me | null | undefined>(undefined);

/** The sites this collector serves, and the one the screens show. */
export const sites = signal<Site[]>([]);
export const siteId = signal<string | null>(null);
export const site = computed(() => sites.value.find((s) => s.id === siteId.value) ?? null);

/** True when the signed-in actor holds `role` or a higher one. */
export const can = (role: Role): boolean => !!me.value && atLeast(me.value.role, role);

/** Reads who is signed in (null on a 401) and then the sites. */
export async function loadSession(): Promise<void> {
  try {
    const { data } = await call<Me>('GET', admin('me'));
    signedOut.value = false;
    me.value = data;
  } catch {
    me.value = null;
    return;
  }
  // Signed in but the sites cannot be read: the screens say there is no site, and the header still offers sign-out.
  await loadSites().catch(() => {});
}

/** Reloads the site list, keeping the chosen site when it still exists. */
export async function loadSites(): Promise<void> {
  const { data } = await call<{ sites: Site[] }>('GET', admin('sites'));
  sites.value = data.sites;
  const keep = siteId.value ?? window.localStorage?.getItem('sayso-studio-site');
  siteId.value = data.sites.some((s) => s.id === keep) ? keep! : (data.sites[0]?.id ?? null);
}

/** Chooses the site every screen shows (remembered on this device). */
export function chooseSite(id: string): void {
  siteId.value = id;
  try {
    window.localStorage.setItem('sayso-studio-site', id);
  } catch {
    // Storage blocked: the choice lasts for this page.
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  await call<null>('POST', admin('session'), { body: { email, password } });
  await loadSession();
}

export async function signOut(): Promise<void> {
  await call<null>('DELETE', admin('session')).catch(() => {});
  me.value = null;
}

// What the Webhooks screen keeps across its two views (the list and one
// endpoint): a secret just made or rotated, shown once on the endpoint's
// page and forgotten when another endpoint or screen is opened.
import { signal } from '@preact/signals';

export const revealed = signal<{ endpoint: string; secret: string; after: 'created' | 'rotated' } | null>(null);

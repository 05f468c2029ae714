// A real HTTP receiver on loopback for the webhook tests (not part of the
// package): it records every request, counts requests of one webhook-id in
// progress at once, and answers what the test's script says.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What to answer a request: a status (and headers, body), or `'hang'` to wait `ms` first, or `'drop'` to cut the socket. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'drop';

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** webhook-ids of requests answered 2xx to the end (not cut off by the sender going away). */
  answered: string[];
  /** The most requests with one webhook-id that were in progress at the same moment. */
  maxConcurrentPerId: number;
  /** Sets how the next requests are answered (called with each request, in order). */
  answer: (fn: (r: Received, index: number) => Answer) => void;
  /** Resolves once `n` requests have arrived. */
  waitFor: (n: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  let script: (r: Received, index: number) => Answer = () => ({ status: 200, body: 'ok' });
  const received: Received[] = [];
  const answered: string[] = [];
  const inProgress = new Map<string, number>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const state = { maxConcurrentPerId: 0 };
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { at: Date.now(), path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const index = received.push(r) - 1;
      const id = String(req.headers['webhook-id']);
      const now = (inProgress.get(id) ?? 0) + 1;
      inProgress.set(id, now);
      state.maxConcurrentPerId = Math.max(state.maxConcurrentPerId, now);
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      const a = script(r, index);
      const done = () => inProgress.set(id, (inProgress.get(id) ?? 1) - 1);
      if (a === 'drop') {
        done();
        req.socket.destroy();
        return;
      }
      setTimeout(() => {
        done();
        if (res.destroyed) return;
        res.writeHead(a.status, a.headers ?? {});
        res.end(a.body ?? '', () => {
          if (a.status >= 200 && a.status < 300 && !req.socket.destroyed) answered.push(id);
        });
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    answered,
    get maxConcurrentPerId() {
      return state.maxConcurrentPerId;
    },
    answer: (fn) => (script = fn),
    waitFor: (n, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (received.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`the receiver got ${received.length} of ${n} requests in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

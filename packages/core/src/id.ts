// UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits. Time
// ordering makes ids sort by creation, which keeps queue scans and database
// indexes cheap. A counter in the random bits keeps ids from one process
// monotonic within the same millisecond.

let lastMs = -1;
let counter = 0;

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  // Only very old runtimes lack Web Crypto; ids stay unique enough there.
  else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/** A new UUIDv7 string, e.g. `0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b`. */
export function uuidv7(now: number = Date.now()): string {
  const b = randomBytes(16);
  if (now <= lastMs) {
    // Same (or earlier: clock stepped back) millisecond: bump a 12-bit counter
    // stored in rand_a so ordering holds; move time on if it overflows.
    counter++;
    if (counter > 0xfff) {
      counter = 0;
      lastMs++;
    }
    now = lastMs;
  } else {
    lastMs = now;
    counter = b[6]! & 0x07; // start low so a burst has room to count
  }
  // 48-bit big-endian milliseconds; division instead of BigInt keeps this small and old-engine safe.
  for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f); // RFC variant 10xx
  let hex = '';
  for (let i = 0; i < 16; i++) hex += b[i]!.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True for an RFC 9562 UUID string (any version 1-8); sayso makes v7, but accepts others from custom sources. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

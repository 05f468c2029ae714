// Server-rendered pages (link survey, report sign-in and shell). Everything
// that came from a config or a request goes through `escapeHtml` or
// `jsonForScript`; nothing a respondent wrote is ever put into HTML here
// (the report's client inserts comments with textContent).
import { randomBytes } from 'node:crypto';

/** Text safe inside HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** JSON safe inside `<script type="application/json">`: `<` cannot close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A fresh CSP nonce. */
export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** A strict CSP: scripts and styles only from here or with the nonce; no framing. */
export function csp(n: string): string {
  return `default-src 'self'; script-src 'self' 'nonce-${n}'; style-src 'self' 'nonce-${n}'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
}

/** Headers every page gets. */
export function pageHeaders(n: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp(n),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

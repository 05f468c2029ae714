// The widget's one stylesheet, placed in its shadow root. Nothing here leaks
// out, and host rules only reach the host element, which `:host` pins down
// with `!important` (in the cascade, a shadow tree's important rules beat the
// page's important rules, so `* { all: unset !important }` cannot undo it).
// Sizes are in px, never rem: a host `html { font-size: 40px }` must not
// scale the widget.
// Inherited properties the page could set (letter-spacing, text-transform)
// arrive reset by that `all: initial`, and the UA gives form controls the
// same initial values, so `*` only resets what the UA styles differently.
// The focus ring is `.w :focus-visible`: one class more than the `all: unset`
// rules of the buttons, options and textarea, which would otherwise reset
// its outline (equal specificity, later rule wins). Overlays are manual
// popovers (see host.ts), so the card undoes the browser's popover box
// (`inset: 0`, `margin: auto`, fit-content size, a border) and the backdrop
// takes the whole viewport. The card's `max-height` and `overflow: auto` keep
// it inside the viewport at any zoom (WCAG 1.4.10), and the modal centres with
// flex, where an overflowing grid item would rise above the viewport. Forced
// colours drop backgrounds and unset borders, so buttons get system-colour
// borders and the chosen option a Highlight fill and a 3 px border.
import type { Theme } from '@sayso/core';

// Values from config go into CSS text: allow only what a colour, length or
// font list needs, so a `;` or `}` cannot open a new rule.
const safe = (v: string | undefined) => (v && /^[\w\s#.,%()'"+-]+$/.test(v) ? v : undefined);

const dark = '--g:var(--sayso-bg-dark,#1f2023);--f:var(--sayso-fg-dark,#f2f2f2);--m:#c8c8c8;--k:#8c8c8c';
const gap = (side: string) => `max(16px,env(safe-area-inset-${side}))`;

/** Base rules shared by the survey and the launcher. `block` is the host's display. */
export function baseCss(block: boolean, theme: Theme = {}): string {
  const vars = [['accent', theme.accent], ['radius', theme.radius], ['font', theme.font]]
    .map(([k, v]) => (safe(v) ? `--sayso-${k}:${v};` : ''))
    .join('');
  return `:host{all:initial!important;display:${block ? 'block' : 'contents'}!important;${vars}}
*{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit}
[hidden]{display:none!important}.w{display:contents}
.p,.la{--a:var(--sayso-accent,#2563eb);--oa:var(--_oa,#fff);--r:var(--sayso-radius,12px);--g:var(--sayso-bg,#fff);--f:var(--sayso-fg,#1b1b1b);--m:var(--sayso-muted,#575757);--k:#8a8a8a;font:14px/1.45 var(--sayso-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--f);text-align:start;z-index:2147483647}
.dk{${dark}}@media(prefers-color-scheme:dark){.au{${dark}}}
.b,.la{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;min-height:36px;padding:6px 16px;border-radius:calc(var(--r)/1.5);background:var(--a);color:var(--oa);font-weight:600;cursor:pointer}
.b:disabled{opacity:.55;cursor:default}
@media(pointer:coarse){.b,.la{min-height:44px;min-width:44px}}
.w :focus-visible{outline:2px solid var(--f);outline-offset:2px}
.la:focus-visible{outline-color:var(--oa);outline-offset:-5px}
@media(forced-colors:active){.b,.la,.s .o,.w .x{border:1px solid ButtonText}.b:disabled{border-color:GrayText;color:GrayText}.s .o[aria-checked=true]{forced-color-adjust:none;background:Highlight;color:HighlightText;border:3px solid CanvasText}.w :focus-visible{outline-color:CanvasText}.la:focus-visible{outline-color:ButtonText}}
@media(prefers-reduced-motion:no-preference){.p{animation:sy .2s ease-out}@keyframes sy{from{opacity:0;transform:translateY(6px)}}}`;
}

/** The survey's stylesheet. */
export function surveyCss(inline: boolean, theme: Theme = {}): string {
  return `${baseCss(inline, theme)}
.p{position:fixed;inset:auto;width:min(360px,calc(100vw - 32px));max-height:calc(100% - 32px);overflow:auto;padding:16px;background:var(--g);border:1px solid var(--k);border-radius:var(--r);box-shadow:0 8px 32px #0004}
.bottom-right,.bottom-left{bottom:${gap('bottom')}}.top-right,.top-left{top:${gap('top')}}
.bottom-right,.top-right{right:${gap('right')}}.bottom-left,.top-left{left:${gap('left')}}
.bar{left:0;right:0;width:auto;max-height:100%;border-radius:0;border-width:1px 0;padding-inline:${gap('left')}}.bar>*{max-width:640px;margin-inline:auto}
.bar.bottom{bottom:0;padding-bottom:${gap('bottom')}}.bar.top{top:0;padding-top:${gap('top')}}
.bd{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;width:auto;height:auto;padding:16px;border:0;background:#000a}
.mo{position:relative;max-height:100%}
.in{position:relative;width:auto;max-height:none;box-shadow:none}
.x{all:unset;position:absolute;top:8px;inset-inline-end:8px;display:grid;place-items:center;width:32px;height:32px;border-radius:50%;color:var(--m);cursor:pointer}
.x:hover{background:#8883}
.q{display:block;font-size:15px;font-weight:600;padding-inline-end:32px;margin-bottom:12px;overflow-wrap:anywhere}
.s{display:grid;grid-template-columns:repeat(auto-fit,minmax(24px,1fr));gap:4px}
.o{all:unset;box-sizing:border-box;display:grid;place-items:center;min-height:36px;border:1px solid var(--k);border-radius:calc(var(--r)/2);background:var(--g);font-weight:600;cursor:pointer}
.o:hover{border-color:var(--f)}
.o[aria-checked=true]{background:var(--a);color:var(--oa);border:2px solid var(--f);font-weight:800}
.st .o,.em .o{border-color:transparent;background:none;color:var(--f)}
.st .o[aria-checked=true],.em .o[aria-checked=true]{border-color:var(--f)}
.o svg{width:28px;height:28px}
.l{display:flex;justify-content:space-between;gap:16px;margin-top:6px}
.t{all:unset;box-sizing:border-box;display:block;width:100%;min-height:80px;padding:8px;border:1px solid var(--k);border-radius:calc(var(--r)/2);background:var(--g);white-space:pre-wrap;overflow-wrap:anywhere}
.t::placeholder{color:var(--m);opacity:1}
.l,.c,.pg{font-size:12px;color:var(--m)}
.ft{display:flex;align-items:center;justify-content:space-between;gap:8px;margin-top:12px}.ft .b{margin-inline-start:auto}
.er{margin-top:10px;padding:6px 10px;border-inline-start:3px solid #d32f2f;font-size:13px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media(pointer:coarse){.x,.o{min-height:44px;min-width:44px}.s{grid-template-columns:repeat(auto-fit,minmax(44px,1fr))}}`;
}

/** The feedback tab's stylesheet. */
export const launcherCss = (): string =>
  `${baseCss(false)}
.la{position:fixed;z-index:2147483647;top:50%;right:0;writing-mode:vertical-rl;transform:translateY(-50%) rotate(180deg);padding:16px 8px;border-radius:0 var(--r) var(--r) 0;box-shadow:0 2px 12px #0004}
.la.left{right:auto;left:0;transform:translateY(-50%)}`;

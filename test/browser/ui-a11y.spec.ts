// axe-core against the built UI in Chromium, shadow tree included: zero
// violations for every kind × mode × theme × direction, with a score picked
// (so the accent-coloured selection and the enabled button are checked too),
// and for the follow-up, error and thank-you steps. Loops inside a few tests
// to keep the run short.
import { expect, test, type Page } from '@playwright/test';
import type { Survey } from '../../packages/core/src/index.js';
import { startStaticServer, repoRoot, type StaticServer } from './fixtures/static-server.js';
import { settled, show, surveys } from './fixtures/ui.js';

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer();
});
test.afterAll(() => server.close());

const modes = ['popover', 'modal', 'bar', 'inline', 'tab'] as const;
const kinds = ['nps', 'csat', 'ces'] as const;

async function open(page: Page) {
  await page.goto(`${server.url}/test/browser/pages/ui/a11y.html`);
  await page.addScriptTag({ path: `${repoRoot}node_modules/axe-core/axe.min.js` });
}

/** Violations axe finds on the whole page, as `rule: target` lines for a readable failure. */
async function violations(page: Page): Promise<string[]> {
  // Half-faded text mid entry animation is not what anyone reads.
  await settled(page);
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary.split('\n')[1] ?? ''}`));
  });
}

function variant(kind: (typeof kinds)[number], mode: (typeof modes)[number], scheme: 'light' | 'dark', accent?: string): Survey {
  return {
    ...surveys[kind],
    presentation: { mode, target: '#feedback' },
    theme: { scheme, ...(accent ? { accent } : {}) },
  };
}

test('score step: every kind × mode × theme × direction has no axe violations', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const found: string[] = [];
  for (const kind of kinds)
    for (const mode of modes)
      for (const scheme of ['light', 'dark'] as const)
        for (const locale of ['en', 'he']) {
          const survey = variant(kind, mode, scheme);
          await page.evaluate((s) => {
            const w = window as any;
            if (w.sayso.launcherHandle) w.sayso.launcherHandle.close();
            w.sayso.launcherHandle = null;
            // The tab mode's launcher is part of what a visitor meets.
            if (s.presentation?.mode === 'tab') w.sayso.launcher('Feedback', s);
          }, survey);
          await show(page, survey, { locale });
          await page.locator('sayso-widget [role=radio]').nth(2).click();
          for (const v of await violations(page)) found.push(`${kind}/${mode}/${scheme}/${locale} ${v}`);
        }
  expect(found).toEqual([]);
});

test('axe does look inside the shadow root (a planted violation is found)', async ({ page }) => {
  await open(page);
  await show(page, variant('nps', 'popover', 'light'));
  expect(await violations(page)).toEqual([]);
  await page.locator('sayso-widget [role=radio]').first().evaluate((el) => el.removeAttribute('aria-label'));
  await page.locator('sayso-widget [role=radio]').first().evaluate((el) => (el.textContent = ''));
  const found = await violations(page);
  expect(found.length).toBeGreaterThan(0);
  expect(found.join()).toContain('sayso-widget');
});

test('on the hostile-CSS page the widget itself still has no violations', async ({ page }) => {
  await page.goto(`${server.url}/test/browser/pages/ui/hostile.html`);
  await page.addScriptTag({ path: `${repoRoot}node_modules/axe-core/axe.min.js` });
  const found: string[] = [];
  for (const mode of modes) {
    await show(page, variant('nps', mode, 'light'));
    await page.locator('sayso-widget [role=radio]').nth(8).click();
    await settled(page);
    const r = await page.evaluate(async () => (await (window as any).axe.run({ include: [['sayso-widget']] }, { resultTypes: ['violations'] })).violations.map((v: any) => v.id));
    for (const v of r) found.push(`${mode} ${v}`);
  }
  expect(found).toEqual([]);
});

test('follow-up, error and thank-you steps, in both themes and directions, have no axe violations', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const)
    for (const locale of ['en', 'ar']) {
      const where = `${scheme}/${locale}`;
      await page.evaluate(() => ((window as any).sayso.next = 'fail'));
      await show(page, variant('nps', 'popover', scheme), { locale });
      await page.locator('sayso-widget [role=radio]').nth(3).click();
      await page.locator('sayso-widget .b').click();
      await page.locator('sayso-widget textarea').fill('Too slow');
      for (const v of await violations(page)) found.push(`${where} follow-up ${v}`);
      await page.locator('sayso-widget .b').click();
      await expect(page.locator('sayso-widget [role=alert]')).toBeVisible();
      for (const v of await violations(page)) found.push(`${where} error ${v}`);
      await page.evaluate(() => ((window as any).sayso.next = 'offline'));
      await page.locator('sayso-widget .b').click();
      await expect(page.locator('sayso-widget [part~=offline]')).toBeVisible();
      for (const v of await violations(page)) found.push(`${where} thanks ${v}`);
    }
  expect(found).toEqual([]);
});

test('any accent colour keeps its text readable (AA) in both themes', async ({ page }) => {
  await open(page);
  const found: string[] = [];
  for (const accent of ['#ffeb3b', '#00e5ff', '#111111', 'rebeccapurple', 'hsl(140 60% 45%)', '#ff5722'])
    for (const scheme of ['light', 'dark'] as const) {
      await show(page, variant('csat', 'popover', scheme, accent));
      await page.locator('sayso-widget [role=radio]').nth(4).click();
      const kind = { ...surveys.nps, theme: { scheme, accent } };
      for (const v of await violations(page)) found.push(`${accent}/${scheme} ${v}`);
      await show(page, kind);
      await page.locator('sayso-widget [role=radio]').nth(4).click();
      for (const v of await violations(page)) found.push(`${accent}/${scheme} nps ${v}`);
    }
  expect(found).toEqual([]);
});

// Keyboard focus must be seen (WCAG 2.4.7), which axe does not check: for
// every focusable part, reached from the keyboard, the computed outline and
// what is really drawn. Also with forced colours (Windows High Contrast).
const scales: Array<[string, Survey]> = [
  ['nps', surveys.nps],
  ['csat numbers', { ...surveys.csat, scale: { min: 1, max: 5, style: 'numbers' } }],
  ['csat stars', surveys.csat],
  ['csat emoji', { ...surveys.csat, scale: { min: 1, max: 5, style: 'emoji' } }],
  ['ces', surveys.ces],
];

/** WCAG 2.x contrast ratio of two computed `rgb()` colours (alpha ignored). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const s = +v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

interface Focused {
  part: string;
  visible: boolean;
  style: string;
  width: number;
  offset: number;
  color: string;
  /** What the ring is drawn on: the card, or for the launcher (ring inside it) its own background. */
  under: string;
  box: { x: number; y: number; width: number; height: number };
}

/** The element that has focus, through shadow roots, and how its focus ring is set. */
const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    let el = document.activeElement as HTMLElement;
    while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      // The name, or for unnamed parts the part: stays the same when an option is picked.
      part: el.getAttribute('aria-label') ?? el.getAttribute('part')!,
      visible: el.matches(':focus-visible'),
      style: s.outlineStyle,
      width: parseFloat(s.outlineWidth),
      offset: parseFloat(s.outlineOffset),
      color: s.outlineColor,
      under: getComputedStyle(el.closest('.p') ?? el).backgroundColor,
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  });

const PAD = 8;
const clipOf = (f: Focused) => {
  const x = Math.floor(f.box.x) - PAD;
  const y = Math.floor(f.box.y) - PAD;
  return { x, y, width: Math.ceil(f.box.x + f.box.width) + PAD - x, height: Math.ceil(f.box.y + f.box.height) + PAD - y };
};

/**
 * Pixels that differ between two shots of `clip`, counted only where the ring
 * is drawn (from outline-offset to offset + width from the box's edge, a
 * pixel either way) and never within a pixel of the edge itself (a selection
 * changes the inside, a neighbour's ring may reach the edge).
 */
const ringDiff = (page: Page, a: Buffer, b: Buffer, clip: ReturnType<typeof clipOf>, f: Focused) =>
  page.evaluate(
    async ({ a, b, clip, box, from, to }) => {
      const pixels = async (b64: string) => {
        const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const c = new OffscreenCanvas(img.width, img.height).getContext('2d')!;
        c.drawImage(img, 0, 0);
        return c.getImageData(0, 0, img.width, img.height);
      };
      const [p, q] = [await pixels(a), await pixels(b)];
      let n = 0;
      for (let y = 0; y < p.height; y++)
        for (let x = 0; x < p.width; x++) {
          const [cx, cy] = [clip.x + x + 0.5, clip.y + y + 0.5];
          const out = Math.max(box.x - cx, cx - box.x - box.width, box.y - cy, cy - box.y - box.height);
          // Signed distance from the edge: positive outside, negative inside.
          const d = out > 0 ? Math.max(out, 0) : out;
          if (Math.abs(d) <= 1 || d < from - 1 || d > to + 1) continue;
          const i = (y * p.width + x) * 4;
          if ([0, 1, 2].some((k) => Math.abs(p.data[i + k]! - q.data[i + k]!) > 24)) n++;
        }
      return n;
    },
    { a: a.toString('base64'), b: b.toString('base64'), clip, box: f.box, from: f.offset, to: f.offset + f.width },
  );

/**
 * Presses each key in turn and checks the focus ring of whatever each one
 * focuses: `:focus-visible` matches, a solid outline of at least 2 px at 3:1
 * against what it is drawn on, and a screenshot around the element's edge
 * that changes when focus moves on. Returns the failures, labelled.
 */
async function walk(page: Page, keys: string[], where: string, seen = new Set<string>()): Promise<string[]> {
  const bad: string[] = [];
  let prev: { f: Focused; clip: ReturnType<typeof clipOf>; shot: Buffer } | undefined;
  for (const key of [...keys, 'done']) {
    if (key !== 'done') await page.keyboard.press(key);
    else
      await page.evaluate(() => {
        let el = document.activeElement as HTMLElement;
        while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
        el.blur();
      });
    // The first arrow on an unanswered scale picks the focused option: focus stays.
    const moved = key === 'done' || (await focused(page)).part !== prev?.f.part;
    if (prev && moved) {
      const after = await page.screenshot({ clip: prev.clip });
      const n = await ringDiff(page, prev.shot, after, prev.clip, prev.f);
      const perimeter = 2 * (prev.f.box.width + prev.f.box.height);
      if (n < perimeter / 2) bad.push(`${where} ${prev.f.part}: ring drew ${n} px, want ≥ ${Math.round(perimeter / 2)}`);
    }
    if (key === 'done') break;
    await page.mouse.move(0, 0);
    const f = await focused(page);
    seen.add(f.part);
    const label = `${where} ${key} → ${f.part}:`;
    if (!f.visible) bad.push(`${label} not :focus-visible`);
    if (f.style === 'none' || f.style === 'hidden' || f.width < 2) bad.push(`${label} outline ${f.style} ${f.width}px`);
    else if (contrast(f.color, f.under) < 3) bad.push(`${label} outline ${f.color} on ${f.under} is ${contrast(f.color, f.under).toFixed(2)}:1`);
    const clip = clipOf(f);
    prev = { f, clip, shot: await page.screenshot({ clip }) };
  }
  return bad;
}

/** The keys that visit every focusable part of a score step: close, each option, submit; then the follow-up's textarea. */
function keysFor(survey: Survey): string[] {
  const n = (survey.scale?.max ?? (survey.kind === 'nps' ? 10 : 7)) - (survey.scale?.min ?? (survey.kind === 'nps' ? 0 : 1));
  // The first arrow picks the first option, each next one moves on.
  return ['Tab', 'Tab', ...Array<string>(n + 1).fill('ArrowRight'), 'Tab', ...(survey.followUp?.length ? ['Enter', 'Tab', 'Shift+Tab'] : [])];
}

async function focusRun(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const mode of modes)
    for (const [kind, survey] of scales) {
      await page.goto(`${server.url}/test/browser/pages/ui/a11y.html`);
      const s: Survey = { ...survey, presentation: { mode, target: '#feedback' } };
      const keys = keysFor(s);
      if (mode === 'tab') {
        // The launcher first: Tab reaches it, Enter opens the survey, Tab goes on into it.
        await page.evaluate((x) => (window as any).sayso.launcher('Feedback', x), s);
        await page.getByRole('button', { name: 'Feedback' }).waitFor();
        const tab = new Set<string>();
        found.push(...(await walk(page, ['Tab'], `${kind}/tab`, tab)));
        expect([...tab]).toEqual(['launcher']);
        // From the launcher, the first Tab goes on into the survey it opened.
        await page.getByRole('button', { name: 'Feedback' }).press('Enter');
        await expect(page.getByRole('dialog')).toBeVisible();
      } else await show(page, s);
      await settled(page);
      const seen = new Set<string>();
      const names = await page.locator('sayso-widget [role=radio]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')!));
      found.push(...(await walk(page, keys, `${kind}/${mode}`, seen)));
      // The keys reached every part: close, each option, submit (and the textarea).
      expect([...seen].sort(), `${kind}/${mode}`).toEqual(['Close', 'submit', ...(s.followUp?.length ? ['textarea'] : []), ...names].sort());
    }
  return found;
}

test('every focusable part in every mode and scale shows a focus ring when reached from the keyboard', async ({ page }) => {
  test.setTimeout(300_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await focusRun(page)).toEqual([]);
});

test('forced colours: buttons keep a border, the selected option stands out by more than a hairline, focus is seen', async ({ page }) => {
  test.setTimeout(300_000);
  await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  await page.goto(`${server.url}/test/browser/pages/ui/a11y.html`);
  expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
  const found: string[] = [];
  for (const mode of modes)
    for (const [kind, survey] of scales) {
      const s: Survey = { ...survey, presentation: { mode, target: '#feedback' } };
      await page.evaluate((x) => {
        const w = window as any;
        w.sayso.launcherHandle?.close();
        if (x.presentation?.mode === 'tab') w.sayso.launcher('Feedback', x);
      }, s);
      await show(page, s);
      await page.locator('sayso-widget [role=radio]').nth(2).click();
      await page.mouse.move(0, 0);
      const looks = await page.evaluate(() =>
        [...document.querySelectorAll('sayso-widget')].flatMap((h) =>
          [...h.shadowRoot!.querySelectorAll('button')].map((b) => {
            const s = getComputedStyle(b);
            return {
              name: b.getAttribute('aria-label') ?? b.textContent,
              radio: b.getAttribute('role') === 'radio',
              checked: b.getAttribute('aria-checked') === 'true',
              border: [s.borderTopStyle, s.borderRightStyle, s.borderBottomStyle, s.borderLeftStyle],
              width: parseFloat(s.borderTopWidth),
              color: s.borderTopColor,
              bg: s.backgroundColor,
              // What the button sits on: the card (or the page, for the launcher).
              under: getComputedStyle(b.closest('.p') ?? document.body).backgroundColor,
            };
          }),
        ),
      );
      const where = `${kind}/${mode}`;
      for (const b of looks) {
        if (b.border.some((x) => x === 'none' || x === 'hidden') || b.width < 1) found.push(`${where} ${b.name}: border ${b.border.join(' ')} ${b.width}px`);
        else if (contrast(b.color, b.under) < 3) found.push(`${where} ${b.name}: border ${b.color} on ${b.under}`);
      }
      const radios = looks.filter((b) => b.radio);
      const on = radios.filter((b) => b.checked);
      if (on.length !== 1) found.push(`${where}: ${on.length} options checked`);
      for (const b of radios.filter((x) => !x.checked))
        if (b.bg === on[0]!.bg && on[0]!.width - b.width < 2) found.push(`${where}: option ${b.name} looks like the selected one (${b.bg}, ${b.width}px vs ${on[0]!.width}px)`);
    }
  expect(found).toEqual([]);
  expect(await focusRun(page)).toEqual([]);
});

test('at 400 % zoom and with forced colours, every mode and kind still has no axe violations', async ({ page }) => {
  test.setTimeout(180_000);
  const found: string[] = [];
  for (const setting of ['zoom', 'forced colours'] as const) {
    if (setting === 'zoom') await page.setViewportSize({ width: 320, height: 180 });
    else {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.emulateMedia({ forcedColors: 'active' });
    }
    await open(page);
    for (const kind of kinds)
      for (const mode of modes) {
        const survey = variant(kind, mode, 'light');
        await page.evaluate((s) => {
          const w = window as any;
          w.sayso.launcherHandle?.close();
          if (s.presentation?.mode === 'tab') w.sayso.launcher('Feedback', s);
        }, survey);
        await show(page, survey);
        await page.locator('sayso-widget [role=radio]').nth(2).click();
        for (const v of await violations(page)) found.push(`${setting} ${kind}/${mode} ${v}`);
      }
  }
  expect(found).toEqual([]);
});

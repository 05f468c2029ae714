// @vitest-environment jsdom
// Schedule and limit: checked as the API checks them, errors beside their
// fields (and in the summary); saved with PUT beside the draft, against a
// real collector, and shown again when the survey is opened.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import type { Survey } from '@sayso/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realApi, type RealApi } from '../../../test/real-api.js';
import { EditorForm, EditorScreen } from '../Editor.js';
import { fieldId } from '../paths.js';
import { LIMIT_MAX, scheduleErrors, toLocalInput } from '../schedule.js';
import { createEditor } from '../state.js';

afterEach(cleanup);

const survey: Survey = { id: 'nps-main', kind: 'nps', question: 'How likely are you to recommend us?' };
const T = '2026-12-01T09:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T) + ms).toISOString();

describe('schedule checks', () => {
  const none = { startsAt: null, endsAt: null, responseLimit: null };
  it.each([
    ['no schedule', none, []],
    ['an end one minute after the start', { ...none, startsAt: T, endsAt: plus(60_000) }, []],
    ['an end equal to the start', { ...none, startsAt: T, endsAt: T }, ['endsAt']],
    ['an end before the start', { ...none, startsAt: T, endsAt: plus(-1) }, ['endsAt']],
    ['an end without a start', { ...none, endsAt: T }, []],
    ['a start that is no time', { ...none, startsAt: 'soon' }, ['startsAt']],
    ['limit 1', { ...none, responseLimit: 1 }, []],
    ['limit at the maximum', { ...none, responseLimit: LIMIT_MAX }, []],
    ['limit 0', { ...none, responseLimit: 0 }, ['responseLimit']],
    ['limit one over the maximum', { ...none, responseLimit: LIMIT_MAX + 1 }, ['responseLimit']],
    ['limit 1.5', { ...none, responseLimit: 1.5 }, ['responseLimit']],
    ['limit as text', { ...none, responseLimit: 'ten' }, ['responseLimit']],
  ] as const)('%s', (_, schedule, paths) => {
    expect(scheduleErrors(schedule).map((e) => e.path)).toEqual(paths);
  });
});

describe('schedule fields', () => {
  function mount() {
    const editor = createEditor(structuredClone(survey));
    const view = render(<EditorForm editor={editor} />);
    const control = (path: string) => view.container.querySelector<HTMLInputElement>(`#${fieldId(path)}`)!;
    const errorAt = (path: string) => view.container.querySelector(`[data-field="${path}"] > .field-error`)?.textContent ?? null;
    return { editor, view, control, errorAt };
  }

  it('a bad limit shows its error beside the box, marked and linked, and in the summary; fixing it clears both', () => {
    const { editor, view, control, errorAt } = mount();
    fireEvent.input(control('responseLimit'), { target: { value: '0' } });
    expect(errorAt('responseLimit')).toMatch(/whole number from 1/);
    expect(control('responseLimit').getAttribute('aria-invalid')).toBe('true');
    expect(control('responseLimit').getAttribute('aria-describedby')).toContain(`${fieldId('responseLimit')}-error`);
    expect([...view.container.querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href'))).toEqual([`#${fieldId('responseLimit')}`]);
    fireEvent.input(control('responseLimit'), { target: { value: '500' } });
    expect(errorAt('responseLimit')).toBeNull();
    expect(editor.schedule.value.responseLimit).toBe(500);
    fireEvent.input(control('responseLimit'), { target: { value: '' } });
    expect(editor.schedule.value.responseLimit).toBeNull();
  });

  it('an end not after the start is named at the end box; the times are stored as ISO', () => {
    const { editor, control, errorAt } = mount();
    fireEvent.input(control('startsAt'), { target: { value: '2026-12-01T09:00' } });
    fireEvent.input(control('endsAt'), { target: { value: '2026-12-01T09:00' } });
    expect(errorAt('endsAt')).toBe('must be after the start');
    expect(errorAt('startsAt')).toBeNull();
    fireEvent.input(control('endsAt'), { target: { value: '2026-12-01T09:01' } });
    expect(errorAt('endsAt')).toBeNull();
    expect(editor.schedule.value.startsAt).toBe(new Date('2026-12-01T09:00').toISOString());
    expect(Date.parse(editor.schedule.value.endsAt!) - Date.parse(editor.schedule.value.startsAt!)).toBe(60_000);
    // Clearing a box clears the field.
    fireEvent.input(control('startsAt'), { target: { value: '' } });
    expect(editor.schedule.value.startsAt).toBeNull();
  });
});

describe('schedule saved through the API', () => {
  let api: RealApi;
  beforeAll(async () => {
    api = await realApi();
  }, 60_000);
  afterAll(() => api?.close());

  it('an editor sets start, end and limit, saves with PUT; the record holds them and the form shows them again', async () => {
    await api.as('editor');
    const view = render(<EditorScreen site="demo" id="nps-main" />);
    const starts = await screen.findByLabelText('Starts');
    fireEvent.input(starts, { target: { value: '2026-12-01T09:00' } });
    fireEvent.input(screen.getByLabelText('Ends'), { target: { value: '2026-12-24T18:30' } });
    fireEvent.input(screen.getByLabelText('Response limit'), { target: { value: '250' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const stored = (await api.collector.storage.surveys.get('demo', 'nps-main'))!;
    expect(stored).toMatchObject({ startsAt: new Date('2026-12-01T09:00').toISOString(), endsAt: new Date('2026-12-24T18:30').toISOString(), responseLimit: 250 });
    view.unmount();
    render(<EditorScreen site="demo" id="nps-main" />);
    expect(((await screen.findByLabelText('Starts')) as HTMLInputElement).value).toBe(toLocalInput(stored.startsAt));
    expect((screen.getByLabelText('Response limit') as HTMLInputElement).value).toBe('250');
    // Nothing to save: the loaded schedule is the saved one.
    expect(screen.getByRole('button', { name: 'Saved' })).toBeTruthy();
    // Emptying the limit and saving sends null: the limit is gone.
    fireEvent.input(screen.getByLabelText('Response limit'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await api.collector.storage.surveys.get('demo', 'nps-main'))!.responseLimit).toBeNull();
  });

  it('a bad limit blocks the save (nothing is sent)', async () => {
    await api.as('editor');
    render(<EditorScreen site="demo" id="nps-main" />);
    fireEvent.input(await screen.findByLabelText('Response limit'), { target: { value: '-3' } });
    const before = (await api.collector.storage.surveys.get('demo', 'nps-main'))!.rowVersion;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await new Promise((r) => setTimeout(r, 50));
    expect((await api.collector.storage.surveys.get('demo', 'nps-main'))!.rowVersion).toBe(before);
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-disabled')).toBe('true');
  });
});

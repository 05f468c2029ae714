// The editor's state: one signal holding the draft survey, every field
// editing one path of it, and the errors derived from it (never copied, so
// never stale). The record around the draft (status, ETag) comes from the API.
import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Survey } from '@sayso/core';
import type { SurveyRecord } from '../../api/types.js';
import { surveyErrors, type FieldError } from './errors.js';
import { scheduleErrors, scheduleOf, type Schedule } from './schedule.js';
import { getAt, removeAt, setAt } from './paths.js';

export interface Editor {
  draft: Signal<Survey>;
  /** The saved record (null for a survey not created yet). */
  record: Signal<SurveyRecord | null>;
  /** The ETag of the record as last read or written, sent as If-Match. */
  etag: Signal<string | null>;
  /** The draft as last saved, to tell whether there is anything to save. */
  saved: Signal<string>;
  /** startsAt, endsAt, responseLimit: the record's, sent beside the draft. */
  schedule: Signal<Schedule>;
  errors: ReadonlySignal<FieldError[]>;
  byPath: ReadonlySignal<Map<string, string>>;
  dirty: ReadonlySignal<boolean>;
  get(path: string): unknown;
  set(path: string, value: unknown): void;
  remove(path: string, index: number): void;
  setSchedule<K extends keyof Schedule>(key: K, value: Schedule[K]): void;
  /** Replaces draft and record together (after a load, a save, a reload). */
  reset(record: SurveyRecord | null, draft: Survey, etag: string | null): void;
}

/** A fresh editor around `draft`. */
export function createEditor(draft: Survey, record: SurveyRecord | null = null, etag: string | null = null): Editor {
  const d = signal(draft);
  const saved = signal(record ? JSON.stringify(record.draft) : '');
  const schedule = signal(scheduleOf(record));
  const savedSchedule = signal(JSON.stringify(schedule.value));
  const errors = computed(() => [...surveyErrors(d.value), ...scheduleErrors(schedule.value)]);
  const editor: Editor = {
    draft: d,
    record: signal(record),
    etag: signal(etag),
    saved,
    schedule,
    errors,
    byPath: computed(() => new Map(errors.value.map((e) => [e.path, e.message]))),
    dirty: computed(() => JSON.stringify(d.value) !== saved.value || JSON.stringify(schedule.value) !== savedSchedule.value),
    get: (path) => getAt(d.value, path),
    set: (path, value) => {
      d.value = setAt(d.value, path, value);
    },
    remove: (path, index) => {
      d.value = removeAt(d.value, path, index);
    },
    setSchedule: (key, value) => {
      schedule.value = { ...schedule.value, [key]: value };
    },
    reset: (rec, next, tag) =>
      batch(() => {
        editor.record.value = rec;
        editor.etag.value = tag;
        d.value = next;
        saved.value = rec ? JSON.stringify(rec.draft) : '';
        schedule.value = scheduleOf(rec);
        savedSchedule.value = JSON.stringify(schedule.value);
      }),
  };
  return editor;
}

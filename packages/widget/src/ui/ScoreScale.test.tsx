// The score radio group: every kind, scale length and style, and the
// keyboard (roving tabindex, arrows mirrored in RTL, Home/End, digits).
import { fireEvent, render } from '@testing-library/preact';
import type { Survey } from '@sayso/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ScoreScale } from './ScoreScale.js';
import { en } from './strings.js';
import { buildView } from './view.js';
import { clear, survey } from './test-helpers.js';

afterEach(() => {
  clear();
});

/** Renders the scale for `s` with real state, re-rendering on each pick. */
function scale(s: Survey, tag = 'en') {
  const view = buildView(s, en, tag, {});
  let value: number | undefined;
  const utils = render(<div />);
  const draw = () => utils.rerender(<ScoreScale view={view} value={value} pick={(n) => ((value = n), draw())} labelledBy="q" />);
  draw();
  const radios = () => [...utils.container.querySelectorAll<HTMLElement>('[role=radio]')];
  const group = utils.container.querySelector<HTMLElement>('[role=radiogroup]')!;
  const checked = () => radios().findIndex((r) => r.getAttribute('aria-checked') === 'true');
  return { radios, group, checked, value: () => value, container: utils.container };
}

describe('ScoreScale: kinds, lengths and styles', () => {
  it('CSAT defaults to 1..5 and takes 3, 7 and 10 points', () => {
    expect(scale(survey({ kind: 'csat' })).radios().map((r) => r.textContent)).toEqual(['1', '2', '3', '4', '5']);
    for (const max of [3, 7, 10]) {
      clear();
      const { radios } = scale(survey({ kind: 'csat', scale: { min: 1, max } }));
      expect(radios()).toHaveLength(max);
      expect(radios()[0]!.getAttribute('aria-label')).toBe('1, Very dissatisfied');
      expect(radios()[max - 1]!.getAttribute('aria-label')).toBe(`${max}, Very satisfied`);
    }
  });

  it('draws stars filled up to the choice, and faces from frown to smile, each still named by number', () => {
    const stars = scale(survey({ kind: 'csat', scale: { min: 1, max: 5, style: 'stars' } }));
    expect(stars.group.classList.contains('st')).toBe(true);
    fireEvent.click(stars.radios()[2]!);
    const fills = stars.radios().map((r) => r.querySelector('path')!.getAttribute('fill'));
    expect(fills).toEqual(['currentColor', 'currentColor', 'currentColor', 'none', 'none']);
    expect(stars.radios()[2]!.getAttribute('aria-label')).toBe('3');
    clear();
    const faces = scale(survey({ kind: 'csat', scale: { min: 1, max: 5, style: 'emoji' } }));
    expect(faces.group.classList.contains('em')).toBe(true);
    expect(faces.radios().every((r) => r.querySelector('svg[aria-hidden=true] circle'))).toBe(true);
    expect(faces.radios()[4]!.getAttribute('aria-label')).toBe('5, Very satisfied');
  });

  it('NPS is always numbers, whatever style the config names', () => {
    const { radios } = scale(survey({ scale: { min: 0, max: 10, style: 'stars' } }));
    expect(radios().map((r) => r.textContent).join(' ')).toBe('0 1 2 3 4 5 6 7 8 9 10');
  });

  it('CES 1..7 names every point with its agreement label; the legacy 1..5 skips the "somewhat"s', () => {
    const seven = scale(survey({ kind: 'ces', question: '{company} made it easy to handle my issue.' }));
    expect(seven.radios().map((r) => r.getAttribute('aria-label'))).toEqual(en.ces.split('|').map((l, i) => `${i + 1}, ${l}`));
    expect(seven.container.querySelector('.l')!.textContent).toBe('Strongly disagreeStrongly agree');
    clear();
    const five = scale(survey({ kind: 'ces', question: 'q', scale: { min: 1, max: 5 } }));
    expect(five.radios().map((r) => r.getAttribute('aria-label'))).toEqual([
      '1, Strongly disagree',
      '2, Disagree',
      '3, Neither agree nor disagree',
      '4, Agree',
      '5, Strongly agree',
    ]);
  });

  it('is a radiogroup named by the question, one radio per point', () => {
    const { group } = scale(survey());
    expect(group.getAttribute('aria-labelledby')).toBe('q');
  });
});

describe('ScoreScale: keyboard', () => {
  it('has one tab stop (the first point, then the chosen one)', () => {
    const { radios } = scale(survey());
    expect(radios().map((r) => r.tabIndex).filter((t) => t === 0)).toHaveLength(1);
    expect(radios()[0]!.tabIndex).toBe(0);
    fireEvent.click(radios()[7]!);
    expect(radios().map((r) => r.tabIndex)).toEqual([-1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1]);
  });

  it('moves and selects with arrows (wrapping), Home and End, and focuses the choice', () => {
    const { group, checked, radios } = scale(survey());
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    expect(checked()).toBe(0);
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    fireEvent.keyDown(group, { key: 'ArrowDown' });
    expect(checked()).toBe(2);
    expect(document.activeElement).toBe(radios()[2]);
    fireEvent.keyDown(group, { key: 'ArrowLeft' });
    fireEvent.keyDown(group, { key: 'ArrowUp' });
    expect(checked()).toBe(0);
    fireEvent.keyDown(group, { key: 'ArrowLeft' });
    expect(checked()).toBe(10);
    fireEvent.keyDown(group, { key: 'Home' });
    expect(checked()).toBe(0);
    fireEvent.keyDown(group, { key: 'End' });
    expect(checked()).toBe(10);
    expect(document.activeElement).toBe(radios()[10]);
  });

  it('takes digits as shortcuts; 0 means 10 on a 1..10 scale; out-of-range digits do nothing', () => {
    const nps = scale(survey());
    fireEvent.keyDown(nps.group, { key: '7' });
    expect(nps.value()).toBe(7);
    fireEvent.keyDown(nps.group, { key: '0' });
    expect(nps.value()).toBe(0);
    clear();
    const ten = scale(survey({ kind: 'csat', scale: { min: 1, max: 10 } }));
    fireEvent.keyDown(ten.group, { key: '0' });
    expect(ten.value()).toBe(10);
    clear();
    const five = scale(survey({ kind: 'csat' }));
    fireEvent.keyDown(five.group, { key: '3' });
    fireEvent.keyDown(five.group, { key: '8' });
    fireEvent.keyDown(five.group, { key: '0' });
    expect(five.value()).toBe(3);
  });

  it('mirrors Left/Right in RTL, where the scale runs right to left; Up/Down stay', () => {
    const { group, value } = scale(survey(), 'ar');
    fireEvent.keyDown(group, { key: '5' });
    fireEvent.keyDown(group, { key: 'ArrowLeft' });
    expect(value()).toBe(6);
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    expect(value()).toBe(4);
    fireEvent.keyDown(group, { key: 'ArrowDown' });
    expect(value()).toBe(5);
  });
});

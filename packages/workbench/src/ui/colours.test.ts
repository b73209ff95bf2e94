// The workbench's stylesheet held to WCAG 2.1 AA, parsed so that a new colour cannot slip past:
// every text colour 4.5:1 on its background (or on every surface when it sets none), every
// meaningful border and the focus indicator 3:1. The same checker as the HTML reports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast } from '../../../report/src/a11y/contrast';
import { cssPairs } from '../../../report/src/a11y/css';

const CSS = readFileSync(new URL('./style.css', import.meta.url), 'utf8');
// --line: card, table and fieldset separators; WCAG 1.4.11 asks nothing of them.
const pairs = cssPairs(CSS, 'style.css', { decorative: ['#b1b4b6'] });

describe('the workbench stylesheet', () => {
  it('reads its pairs: status colours on the page and on code blocks, buttons on their own fills', () => {
    const has = (where: string, fg: string, bg: string) =>
      pairs.some((p) => p.where.includes(where) && p.fg === fg && p.bg === bg);
    expect(has('.bad color', '#b1001c', '#fff')).toBe(true);
    expect(has('.bad color', '#b1001c', '#f3f2f1')).toBe(true);
    expect(has('.warn color', '#6b4c00', '#fff')).toBe(true);
    expect(has('.ok color', '#00703c', '#fff')).toBe(true);
    expect(has('button:disabled color', '#505a5f', '#e8e8e8')).toBe(true);
    expect(has('button color', '#fff', '#1d4f91')).toBe(true);
    expect(has('.divergent fieldset border', '#6b4c00', '#fff')).toBe(true);
    expect(has(':focus-visible focus indicator', '#1b1b1b', '#fff')).toBe(true);
  });

  it('meets AA for every pair', () => {
    const bad = pairs
      .filter((p) => p.ratio < p.need)
      .map((p) => `${p.where}: ${p.fg} on ${p.bg} ${p.ratio.toFixed(2)} < ${p.need}`);
    expect(bad).toEqual([]);
    // the tightest text pair, so a drift towards the line shows in review
    const text = pairs.filter((p) => p.kind === 'text').sort((a, b) => a.ratio - b.ratio)[0];
    expect([text?.fg, text?.bg, text?.ratio.toFixed(2)]).toEqual(['#00703c', '#f3f2f1', '5.55']);
    expect(contrast('#00703c', '#f3f2f1').toFixed(2)).toBe('5.55');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { VALIDATE_KINDS, validateFlow } from './validate';

const example = (p: string) => ({
  name: p,
  text: readFileSync(fileURLToPath(new URL(`../../../../examples/${p}`, import.meta.url)), 'utf8'),
});

describe('validateFlow', () => {
  it('detects each example file’s kind and counts its rows', async () => {
    const r = await validateFlow({
      files: [example('tender/bids.csv'), example('tender/model.json'), example('carbon/emissions.csv')],
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.validations.map((v) => [v.kind, v.counts?.read ?? null, v.issues.length])).toEqual([
      ['bids', 5, 0],
      ['evaluation-model', null, 0],
      ['emissions', 6, 0],
    ]);
    expect(documentText(r.document)).toBe(documentText(r.validations));
  });

  it('locates a bad cell by line and column, and puts the file on every issue', async () => {
    const r = await validateFlow({
      files: [{ name: 'e.csv', text: 'measure,quantity,year\nNT1,ten,2025\n' }],
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.validations[0]?.kind).toBe('entries');
    expect(r.issues.map((i) => [i.file, i.line, i.column, i.code])).toEqual([
      ['e.csv', 2, 2, 'not_a_number'],
    ]);
    expect(r.validations[0]?.counts).toEqual({ read: 1, accepted: 0, rejected: 1 });
  });

  it('checks a carbon budget by its registered schema, with located issues', async () => {
    expect(VALIDATE_KINDS).toContain('carbon-budget');
    const r = await validateFlow({
      files: [{ name: 'b.json', text: '{\n  "place": "X",\n  "budget": { "total": "0" }\n}\n' }],
      kind: 'carbon-budget',
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.every((i) => i.file === 'b.json' && (i.line ?? 0) >= 1)).toBe(true);
  });

  it('an unknown kind or extension is a failure, never a throw', async () => {
    const a = await validateFlow({ files: [{ name: 'x.csv', text: 'a\n' }], kind: 'nope' });
    expect(a.ok).toBe(false);
    const b = await validateFlow({ files: [{ name: 'x.txt', text: 'a\n' }] });
    expect(b.ok ? '' : b.headline).toBe('x.txt: validate reads .csv and .json files');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashInputs, sha256Hex } from '@commonweal/json';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { prioritiesFlow } from './priorities';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/priorities/', import.meta.url));
const text = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

describe('prioritiesFlow on the example survey (examples/priorities)', () => {
  it('weighs each group equally: local-jobs first, weights summing to exactly 100', async () => {
    const r = await prioritiesFlow({
      survey: { name: 'survey.csv', text: text('survey.csv') },
      groups: 'equal',
    });
    if (!r.ok) throw new Error(r.headline);
    const w = r.priorities.overall.weights;
    expect(
      Object.values(w)
        .reduce((a, b) => a.plus(b))
        .toString(),
    ).toBe('100');
    expect(r.priorities.overall.ranking[0]?.item).toBe('local-jobs');
    expect(r.priorities.rows).toEqual({ read: 65, accepted: 65, rejected: 0 });
    expect(r.sha256).toBe(
      hashInputs({ survey: sha256Hex(text('survey.csv')), method: 'points', groups: 'equal' }),
    );
  });

  it('gives the same document for the text and for its bytes', async () => {
    const a = await prioritiesFlow({ survey: { name: 'survey.csv', text: text('survey.csv') } });
    const b = await prioritiesFlow({
      survey: { name: 'survey.csv', text: new TextEncoder().encode(text('survey.csv')) },
    });
    if (!a.ok || !b.ok) throw new Error('not ok');
    expect(documentText(b.document)).toBe(documentText(a.document));
  });

  it('writes the weights into the model’s social value sub-criteria, summing to 100', async () => {
    const r = await prioritiesFlow({
      survey: { name: 'survey.csv', text: text('survey.csv') },
      groups: 'equal',
      applyTo: { model: { name: 'model.json', text: text('model.json') }, criterion: 'social-value' },
    });
    if (!r.ok) throw new Error(r.headline);
    const model = JSON.parse(r.applied?.text ?? '{}');
    const sv = model.criteria.find((c: { id: string }) => c.id === 'social-value');
    const sum = sv.criteria.reduce((s: number, c: { weight: string }) => s + Number(c.weight), 0);
    expect(Math.round(sum * 1000) / 1000).toBe(100);
    expect(r.applied?.sha256).toBe(sha256Hex(r.applied?.text ?? ''));
  });

  it('a valuation whose themes are not the survey items is fatal, naming both', async () => {
    const r = await prioritiesFlow({
      survey: { name: 'survey.csv', text: text('survey.csv') },
      valuation: { name: 'v.json', text: '{}' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.headline).toContain('v.json is not the JSON of `commonweal value --format json`');
  });
});

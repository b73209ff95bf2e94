import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue } from '@commonweal/core/issues';
import { round, SCORE_ROUNDING } from '@commonweal/core/money';
import { hashInputs } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { evaluateFlow, evaluationDocumentParts } from './evaluate';

const TENDER = fileURLToPath(new URL('../../../../examples/tender/', import.meta.url));
const MEASURES = fileURLToPath(new URL('../../../../examples/valuation/measures.csv', import.meta.url));
const text = (name: string) => readFileSync(join(TENDER, name), 'utf8');
const input = (name: string) => ({ name, text: text(name) });
const base = () => ({
  model: input('model.json'),
  bids: input('bids.csv'),
  scores: input('scores.csv'),
  gates: input('gates.csv'),
});

describe('evaluateFlow on the example tender (examples/tender)', () => {
  it('ranks the bids as the example README gives them, B4 disqualified on the CQC gate', async () => {
    const r = await evaluateFlow(base());
    if (!r.ok) throw new Error(r.headline);
    expect(r.evaluation.winner).toBe('B1');
    expect(r.document.ranking.map((x) => `${x.bid} ${round(x.total, SCORE_ROUNDING)}`)).toEqual([
      'B1 79.86',
      'B3 78.44',
      'B2 68.01',
      'B5 61.04',
    ]);
    expect(r.evaluation.bids.find((b) => b.bid === 'B4')?.status).toBe('disqualified');
    expect(r.issues).toEqual([]);
    expect(r.counts['scores.csv']).toEqual({ read: 61, accepted: 61, rejected: 0, blank: 0 });
    expect(r.priceYear).toBeNull();
    expect(r.discounting).toBeNull();
  });

  it('hashes the exact input texts, in the fixed order of the command line', async () => {
    const r = await evaluateFlow(base());
    if (!r.ok) throw new Error(r.headline);
    expect(r.sha256).toBe(
      hashInputs({
        model: text('model.json'),
        bids: text('bids.csv'),
        scores: text('scores.csv'),
        gates: text('gates.csv'),
        moderation: null,
        lines: null,
        commitments: null,
        framework: null,
        options: null,
      }),
    );
    expect(r.document.sha256).toBe(r.sha256);
    // One byte more in a file, another hash; the names do not count.
    const edited = await evaluateFlow({
      ...base(),
      gates: { name: 'g.csv', text: `${text('gates.csv')}\n` },
    });
    expect(edited.ok && edited.sha256).not.toBe(r.sha256);
    const renamed = await evaluateFlow({ ...base(), gates: { name: 'g.csv', text: text('gates.csv') } });
    expect(renamed.ok && renamed.sha256).toBe(r.sha256);
  });

  it('takes bytes as a browser reads them and gives the same document, byte for byte', async () => {
    const fromText = await evaluateFlow(base());
    const bytes = (name: string) => ({ name, text: new Uint8Array(readFileSync(join(TENDER, name))) });
    const fromBytes = await evaluateFlow({
      model: bytes('model.json'),
      bids: bytes('bids.csv'),
      scores: bytes('scores.csv'),
      gates: bytes('gates.csv'),
    });
    if (!fromText.ok || !fromBytes.ok) throw new Error('not evaluated');
    expect(documentText(fromBytes.document)).toBe(documentText(fromText.document));
  });

  it('values commitments with a measures table, in the proxies’ latest price year', async () => {
    const r = await evaluateFlow({
      ...base(),
      model: input('model-quantitative.json'),
      commitments: input('commitments.csv'),
      framework: { name: 'measures.csv', text: readFileSync(MEASURES, 'utf8') },
    });
    if (!r.ok) throw new Error(`${r.headline}: ${r.issues.map(formatIssue).join('; ')}`);
    expect(r.discounting).toBe('green-book');
    expect(r.priceYear).toBeTypeOf('number');
    expect(r.counts['commitments.csv']?.read).toBeGreaterThan(0);
    expect(r.evaluation.winner).not.toBeNull();
  });

  it('locates a rejected row on its file, line and column, and counts it', async () => {
    const lines = text('scores.csv').split('\n');
    lines[2] = (lines[2] as string).replace('B1,q1-continuity,E2,3,', 'B1,q1-continuity,E2,three,');
    const r = await evaluateFlow({ ...base(), scores: { name: 'scores.csv', text: lines.join('\n') } });
    if (!r.ok) throw new Error(r.headline);
    expect(r.counts['scores.csv']).toEqual({ read: 61, accepted: 60, rejected: 1, blank: 0 });
    expect(r.issues.map(formatIssue).some((i) => i.startsWith('scores.csv:3:4 score:'))).toBe(true);
  });

  it('refuses a model whose weights do not add up, with located issues and no throw', async () => {
    const model = JSON.parse(text('model.json')) as { criteria: { id: string; weight?: string }[] };
    (model.criteria.find((c) => c.id === 'price') as { weight: string }).weight = '30';
    const r = await evaluateFlow({
      ...base(),
      model: { name: 'model.json', text: JSON.stringify(model, null, 2) },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.headline).toBe('the evaluation model model.json cannot be used');
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.every((i) => i.file === 'model.json' && typeof i.line === 'number')).toBe(true);
  });

  it('refuses text that is not JSON as the model, and a CSV without the bids columns', async () => {
    const notJson = await evaluateFlow({ ...base(), model: { name: 'm.json', text: '{"id": ' } });
    expect(notJson.ok === false && notJson.headline).toBe('m.json is not valid JSON');
    const notBids = await evaluateFlow({ ...base(), bids: { name: 'b.csv', text: 'colour,size\nred,4\n' } });
    expect(notBids.ok === false && notBids.headline).toBe('b.csv cannot be read as bids (bid,bidder,price)');
    const badDiscounting = await evaluateFlow({ ...base(), discounting: 'fast' });
    expect(badDiscounting.ok).toBe(false);
  });

  it('gives the same document for any order of the score rows (only the inputs hash differs)', async () => {
    const [head, ...rows] = text('scores.csv').trimEnd().split('\n');
    const first = await evaluateFlow(base());
    if (!first.ok) throw new Error(first.headline);
    const want = documentText({ ...first.document, sha256: null, issues: [] });
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(rows, { minLength: rows.length }), async (shuffled) => {
        const r = await evaluateFlow({
          ...base(),
          scores: { name: 'scores.csv', text: `${[head, ...shuffled].join('\n')}\n` },
        });
        if (!r.ok) return false;
        return documentText({ ...r.document, sha256: null, issues: [] }) === want;
      }),
      { numRuns: 8 },
    );
  });
});

describe('evaluationDocumentParts', () => {
  it('writes the bytes of documentText(document) bid by bid (example tender, quantitative variant, no bids ranked)', async () => {
    const plain = await evaluateFlow(base());
    const quant = await evaluateFlow({
      ...base(),
      model: input('model-quantitative.json'),
      commitments: input('commitments.csv'),
      framework: { name: 'measures.csv', text: readFileSync(MEASURES, 'utf8') },
    });
    for (const r of [plain, quant]) {
      if (!r.ok) throw new Error(r.headline);
      const parts = [...evaluationDocumentParts(r)];
      // the head, then per bid its separator and its chunks, then the rest
      expect(parts.length).toBeGreaterThanOrEqual(2 * r.evaluation.bids.length + 2);
      expect(parts.join('')).toBe(documentText(r.document));
    }
    const none = { ...(plain as Extract<typeof plain, { ok: true }>) };
    const empty = { evaluation: { ...none.evaluation, bids: [] }, sha256: none.sha256 };
    expect([...evaluationDocumentParts(empty)].join('')).toContain('"bids": [],\n');
  });
});

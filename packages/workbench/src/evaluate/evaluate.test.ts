import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGatesCsv, readScoresCsv } from '@commonweal/csv';
import { decodeText, evaluateFlow } from '@commonweal/flows';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tenderFiles } from '../files/files';
import { emptyState, fromModelText, type WorkbenchState } from '../state/state';
import { scoreTender } from './evaluate';

const TENDER = fileURLToPath(new URL('../../../../examples/tender/', import.meta.url));
const text = (name: string) => decodeText(new Uint8Array(readFileSync(`${TENDER}${name}`)));

/** examples/tender entered into a workbench, row by row, as a commissioner would. */
async function exampleState(): Promise<WorkbenchState> {
  const s = fromModelText(text('model.json'));
  const bids = await (await import('@commonweal/csv')).readBidsCsv(text('bids.csv'));
  s.bids = bids.rows.map((b) => ({ bid: b.bid, bidder: b.bidder, price: b.price.toString() }));
  const scores = await readScoresCsv(text('scores.csv'));
  for (const r of scores.rows)
    if (r.evaluator === 'moderated')
      s.moderation.push({
        bid: r.bid,
        criterion: r.criterion,
        score: r.score.toString(),
        reason: r.comment ?? '',
      });
    else
      s.scores.push({
        bid: r.bid,
        criterion: r.criterion,
        evaluator: r.evaluator,
        score: r.score.toString(),
        comment: r.comment ?? '',
      });
  const gates = await readGatesCsv(text('gates.csv'));
  s.gates = gates.rows.map((g) => ({
    bid: g.bid,
    criterion: g.criterion,
    result: g.result,
    reason: g.reason ?? '',
  }));
  return s;
}

describe('scoring the tender as the CLI scores its files', () => {
  it('ranks examples/tender as `commonweal evaluate` does on the example files', async () => {
    const s = await exampleState();
    const page = await scoreTender(s);
    if (!page.ok) throw new Error(page.headline);
    const cli = await evaluateFlow({
      model: { name: 'model.json', text: text('model.json') },
      bids: { name: 'bids.csv', text: text('bids.csv') },
      scores: { name: 'scores.csv', text: text('scores.csv') },
      gates: { name: 'gates.csv', text: text('gates.csv') },
    });
    if (!cli.ok) throw new Error(cli.headline);
    // The same figures at full precision; only the inputs (their bytes, so the hash) differ.
    expect(page.result.document.ranking).toEqual(cli.document.ranking);
    expect(page.result.document.bids).toEqual(cli.document.bids);
    expect(page.result.evaluation.winner).toBe('B1');
    expect(page.result.document.ranking.map((r) => [r.rank, r.bid, r.total])).toEqual(
      cli.document.ranking.map((r) => [r.rank, r.bid, r.total]),
    );
    expect(page.summaries.map((f) => f.name)).toEqual(['B1.md', 'B3.md', 'B2.md', 'B5.md', 'B4.md']);
    expect(page.html).toContain('Method as published');
    expect(page.files.map((f) => f.name)).toEqual([
      'model.json',
      'bids.csv',
      'scores.csv',
      'gates.csv',
      'moderation.csv',
    ]);
  });

  it('answers an unusable model with the headline and located issues, not a throw', async () => {
    const s = emptyState();
    s.model = { ...s.model, criteria: [] };
    const r = await scoreTender(s);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.headline).toBe('the evaluation model model.json cannot be used');
  });

  it('exports scores that read back as entered, whatever the justification (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('E1', 'E2', 'E3'),
            fc.constantFrom('0', '1', '2.5', '4'),
            fc.string({ minLength: 1 }),
          ),
          {
            maxLength: 6,
          },
        ),
        async (rows) => {
          const s = emptyState();
          s.bids = [{ bid: 'B1', bidder: 'A', price: '1' }];
          const seen = new Set<string>();
          for (const [evaluator, score, comment] of rows) {
            if (seen.has(evaluator) || comment.trim() === '') continue;
            seen.add(evaluator);
            s.scores.push({ bid: 'B1', criterion: 'quality', evaluator, score, comment });
          }
          const file = tenderFiles(s).find((f) => f.name === 'scores.csv') as { text: string };
          const back = await readScoresCsv(file.text);
          expect(back.issues.filter((i) => i.severity !== 'warning')).toEqual([]);
          expect(back.rows.map((r) => r.evaluator)).toEqual([...seen].sort());
          expect(back.rows.map((r) => r.score.toString()).sort()).toEqual(
            s.scores.map((x) => String(Number(x.score))).sort(),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});

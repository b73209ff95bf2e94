// Writes a synthetic tender for `commonweal evaluate` at scale: model.json, bids.csv and scores.csv.
// Usage: node tests/tender-scale/generate.mjs BIDS CRITERIA EVALUATORS DIR [SEED]
// Every figure is made up for load (CONSTRUCTED, not published). The shape follows the bundled
// home care example: price, many top-level quality questions scored on 0–4 levels, a qualitative
// social value question, one comment per evaluator score.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Mulberry32: a small seeded generator, so the same arguments give the same files. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n weights in hundredths summing to exactly `total`, the remainder on the last. */
function weights(n, total) {
  const each = Math.floor((total * 100) / n);
  const out = Array.from({ length: n }, () => (each / 100).toFixed(2));
  out[n - 1] = ((total * 100 - each * (n - 1)) / 100).toFixed(2);
  return out;
}

// One comment per level of the 0–4 scale, indexed by the score.
const COMMENTS = [
  'Unacceptable: the response does not address the question',
  'Poor: addresses the question only in part; no figures for missed calls or staff turnover',
  'Acceptable: meets the requirement with some evidence; the cover plan for holiday peaks is thin',
  'Good: meets the requirement in full, with clear evidence of how it will be delivered locally',
  'Excellent: strong evidence from a current council contract, with on-time call rates given',
];

/**
 * The model and CSV texts of a tender with `bids` bids, `criteria` top-level criteria (price,
 * `criteria − 2` quality questions, social value) and `evaluators` evaluators scoring each.
 */
export function tenderFiles(bids, criteria, evaluators, seed = 1) {
  const next = rng(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const q = criteria - 2;
  const qw = weights(q, 60);
  const level = (s, label) => ({ score: String(s), label });
  const scale = {
    levels: [
      level(0, 'Unacceptable'),
      level(1, 'Poor'),
      level(2, 'Acceptable'),
      level(3, 'Good'),
      level(4, 'Excellent'),
    ],
  };
  const model = {
    id: `SCALE-${bids}x${criteria}x${evaluators}`,
    title: `Synthetic tender, ${bids} bids × ${criteria} criteria × ${evaluators} evaluators`,
    currency: 'GBP',
    moderation: 'mean',
    criteria: [
      { id: 'price', title: 'Price', weight: '30', type: 'price', method: 'lowest-ratio' },
      ...Array.from({ length: q }, (_, i) => ({
        id: `q${i + 1}`,
        title: `Q${i + 1} Quality question ${i + 1}`,
        weight: qw[i],
        type: 'quality',
        scale,
      })),
      { id: 'sv', title: 'Social value', weight: '10', type: 'social-value', mode: 'qualitative', scale },
    ],
  };
  const ids = Array.from({ length: bids }, (_, i) => `B${String(i + 1).padStart(4, '0')}`);
  const bidLines = ['bid,bidder,price'];
  for (const [i, id] of ids.entries())
    bidLines.push(
      `${id},Bidder ${i + 1} Ltd,${int(800_000, 1_400_000)}.${String(int(0, 99)).padStart(2, '0')}`,
    );
  const scoreLines = ['bid,criterion,evaluator,score,comment'];
  const questions = [...model.criteria.slice(1).map((c) => c.id)];
  for (const id of ids) {
    const skill = int(1, 3);
    for (const c of questions) {
      // Evaluators agree within one level (a spread of 1 is within the default divergence threshold).
      const base = Math.max(0, Math.min(3, skill + int(-1, 1)));
      for (let e = 1; e <= evaluators; e++) {
        const s = base + int(0, 1);
        scoreLines.push(`${id},${c},E${e},${s},"${COMMENTS[s]} (${id} ${c} E${e})"`);
      }
    }
  }
  return {
    model: `${JSON.stringify(model, null, 2)}\n`,
    bids: `${bidLines.join('\n')}\n`,
    scores: `${scoreLines.join('\n')}\n`,
  };
}

/** Writes the three files into `dir`. */
export function writeTender(dir, bids, criteria, evaluators, seed = 1) {
  mkdirSync(dir, { recursive: true });
  const f = tenderFiles(bids, criteria, evaluators, seed);
  writeFileSync(join(dir, 'model.json'), f.model);
  writeFileSync(join(dir, 'bids.csv'), f.bids);
  writeFileSync(join(dir, 'scores.csv'), f.scores);
  return { model: join(dir, 'model.json'), bids: join(dir, 'bids.csv'), scores: join(dir, 'scores.csv') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [b, c, e, dir, seed] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node tests/tender-scale/generate.mjs BIDS CRITERIA EVALUATORS DIR [SEED]\n');
    process.exit(2);
  }
  writeTender(dir, Number(b), Number(c), Number(e), seed ? Number(seed) : 1);
}

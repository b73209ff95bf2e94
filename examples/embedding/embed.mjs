// Embedding Commonweal in your own Node program: value a bid's commitments, score a tender,
// and render a report — using only the published package entry points.
// Run after the build: node examples/embedding/embed.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { formatMoney } from '@commonweal/core/money';
import { evaluate, validateModel } from '@commonweal/core/procurement';
import { valueEntries } from '@commonweal/core/valuation';
import { readBidsCsv, readEntriesCsv, readGatesCsv, readMeasuresCsv, readScoresCsv } from '@commonweal/csv';
import { canonicalStringify, hashInputs } from '@commonweal/json';
import { renderTenderHtml } from '@commonweal/report';
import { greenBookStandard, hmtGdpDeflator } from '@commonweal/uk';

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

// 1. Social value of commitments: a framework, entries, options → a Result with located issues.
const framework = await readMeasuresCsv(read('valuation/measures.csv'), { file: 'measures.csv' });
if (!framework.ok) throw new Error(framework.issues.map((i) => i.message).join('\n'));
const { entries, issues } = await readEntriesCsv(read('valuation/commitments.csv'), {
  file: 'commitments.csv',
  framework: framework.value,
});
const valuation = valueEntries(framework.value, entries, {
  discounting: greenBookStandard,
  priceYear: 2024,
  indexSeries: hmtGdpDeflator,
});
if (!valuation.ok) throw new Error(valuation.issues.map((i) => i.message).join('\n'));
console.log(
  `Present value: ${formatMoney(valuation.value.totals.presentValue)} (${issues.length} input issues)`,
);
console.log(`First line explained: ${valuation.value.lines[0].trace.formula}`);

// 2. A tender: model + bids + scores + gates → ranking, with every score traced.
const model = validateModel(JSON.parse(read('tender/model.json')));
if (!model.ok) throw new Error(model.issues.map((i) => i.message).join('\n'));
const bids = await readBidsCsv(read('tender/bids.csv'), { file: 'bids.csv' });
const scores = await readScoresCsv(read('tender/scores.csv'), { file: 'scores.csv' });
const gates = await readGatesCsv(read('tender/gates.csv'), { file: 'gates.csv' });
const result = evaluate({ model: model.value, bids: bids.rows, scores: scores.rows, gates: gates.rows });
if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
for (const r of result.value.ranking) console.log(`${r.rank}. ${r.bidder} ${r.total.toFixed(2)}`);

// 3. Deterministic output: canonical JSON and a hash of the inputs; a self-contained HTML report.
const sha256 = hashInputs(read('tender/model.json'), read('tender/bids.csv'), read('tender/scores.csv'));
const out = new URL('../../commonweal-demo/embedding/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(
  new URL('ranking.json', out),
  canonicalStringify({ sha256, ranking: result.value.ranking }, { indent: 2 }),
);
writeFileSync(new URL('tender.html', out), renderTenderHtml(result.value));
console.log('Wrote commonweal-demo/embedding/ranking.json and tender.html');

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Issue } from '@commonweal/core/issues';
import {
  readBidsCsv,
  readEmissionsCsv,
  readEntriesCsv,
  readIndicatorsCsv,
  readPrioritySurveyCsv,
} from '@commonweal/csv';
import { canonicalStringify, jsonSchema } from '@commonweal/json';
import { openCatalogue, socialValueModel2020, socialValueModel2025 } from '@commonweal/uk';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { JSON_KIND_SCHEMAS, validateText } from './commands/validate';
import { ROOT } from './test/harness';

// `commonweal validate` (zod schemas and the checks behind them) and the published JSON Schemas
// (ajv, draft 2020-12) must give the same verdict on every file. The only differences allowed are
// checks JSON Schema cannot state — across fields or rows — listed here by issue code and
// documented in docs/cli.md ("What the JSON Schemas cannot say").
const BEYOND_JSON_SCHEMA = new Set([
  // frameworks: references must resolve, ids unique, proxies in the framework's currency
  'duplicate_theme',
  'duplicate_outcome',
  'duplicate_measure',
  'unknown_theme',
  'unknown_outcome',
  'outcome_theme_mismatch',
  'proxy_currency_mismatch',
  'negative_proxy',
  'proxy_range',
  'unknown_exclusive',
  'exclusive_self',
  // evaluation models: weights of siblings sum to 100, ids unique, references resolve
  'weights_not_100',
  'duplicate_criterion',
  'no_criteria',
  'no_price',
  'unknown_tie_break',
  'unknown_criterion',
  // evaluation models: range checks made by validateModel after the schema
  'scale_invalid',
  'abnormally_low_share',
]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Doc {
  label: string;
  kind: string;
  text: string;
}

function files(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Deterministic mutations of one document: every leaf and object changed in the ways files go wrong. */
function variants(doc: Json, limit = 400): Json[] {
  const out: Json[] = [];
  const STRINGS: Json[] = [
    '',
    'abc',
    '£5',
    '1,5',
    ' 7 ',
    '+2',
    '.5',
    '5.',
    '1e3',
    '1e99999',
    '-0',
    '0.5',
    '1.5',
    '--5',
    '50%',
    150,
    true,
    null,
  ];
  const NUMBERS: Json[] = ['x', -1, 0, 0.5, 1.5, 101, 2.5, true, null, '12'];
  const walk = (node: Json, replace: (v: Json | undefined) => Json) => {
    if (Array.isArray(node)) {
      out.push(replace([]));
      for (const [i, item] of node.slice(0, 3).entries()) {
        walk(item, (v) =>
          replace(v === undefined ? node.filter((_, j) => j !== i) : node.map((x, j) => (j === i ? v : x))),
        );
      }
    } else if (node !== null && typeof node === 'object') {
      out.push(replace({ ...node, zzUnknown: 1 }));
      for (const key of Object.keys(node)) {
        const { [key]: _drop, ...rest } = node;
        out.push(replace(rest));
        walk(node[key] as Json, (v) => replace(v === undefined ? rest : { ...node, [key]: v }));
      }
    } else {
      for (const v of typeof node === 'number'
        ? NUMBERS
        : typeof node === 'string'
          ? STRINGS
          : [1, 'yes', null])
        if (v !== node) out.push(replace(v));
    }
  };
  walk(doc, (v) => v as Json);
  // a stride keeps big documents' variants spread over the whole file, deterministically
  const step = Math.max(1, Math.floor(out.length / limit));
  return out.filter((_, i) => i % step === 0);
}

const plain = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json;
const errors = (issues: readonly Issue[]) => issues.filter((i) => i.severity !== 'warning');

const docs: Doc[] = [];

beforeAll(async () => {
  // JSON fixtures as published in the repository
  const onDisk = [
    ...files(join(ROOT, 'examples'), (p) => p.endsWith('.json')),
    ...files(join(ROOT, 'packages'), (p) => /[\\/]src[\\/].*fixtures[\\/].*\.json$/.test(p)),
  ];
  for (const path of onDisk) {
    const text = readFileSync(path, 'utf8');
    const v = await validateText(text, path);
    if (JSON_KIND_SCHEMAS[v.kind]) docs.push({ label: relative(ROOT, path), kind: v.kind, text });
  }
  // the built-in frameworks and the CSV examples and fixtures, as the JSON files they would be
  for (const [name, fw] of Object.entries({ openCatalogue, socialValueModel2020, socialValueModel2025 }))
    docs.push({ label: `uk ${name}`, kind: 'framework', text: JSON.stringify(fw) });
  const csv = async (file: string, kind: string, read: (t: string) => Promise<object>) => {
    const r = (await read(readFileSync(join(ROOT, file), 'utf8'))) as Record<string, unknown>;
    const rows = (r.rows ?? r.entries ?? r.indicators ?? r.emissions) as Record<string, unknown>[];
    // as a JSON file would hold them: no line numbers
    const items = rows.map(({ line: _line, ...rest }) => rest);
    docs.push({ label: `${file} as JSON`, kind, text: JSON.stringify(items) });
  };
  const entries = async (t: string) => ({ rows: (await readEntriesCsv(t)).entries });
  await csv('examples/valuation/commitments.csv', 'entries-json', entries);
  await csv('packages/csv/src/entries/fixtures/broken-entries.csv', 'entries-json', entries);
  await csv('examples/doughnut/indicators.csv', 'doughnut-indicators', (t) => readIndicatorsCsv(t));
  await csv('packages/csv/src/limits/fixtures/broken-indicators.csv', 'doughnut-indicators', (t) =>
    readIndicatorsCsv(t),
  );
  await csv('examples/carbon/emissions.csv', 'carbon-emissions', (t) => readEmissionsCsv(t));
  await csv('examples/priorities/survey.csv', 'priority-survey', (t) => readPrioritySurveyCsv(t));
  await csv('examples/tender/bids.csv', 'bids-json', (t) => readBidsCsv(t));
  await csv('packages/csv/src/procurement/fixtures/broken-bids.csv', 'bids-json', (t) => readBidsCsv(t));
});

describe('JSON Schemas accept exactly what commonweal validate accepts', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const check = (kind: string) => {
    const name = JSON_KIND_SCHEMAS[kind] as string;
    let v = compiled.get(name);
    if (!v) {
      v = ajv.compile(jsonSchema(name));
      compiled.set(name, v);
    }
    return v;
  };

  it('covers the fixtures of every kind that has a JSON Schema', () => {
    const kinds = new Set(docs.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(
      [
        'bids-json',
        'carbon-emissions',
        'doughnut-indicators',
        'entries-json',
        'evaluation-model',
        'framework',
        'priority-survey',
      ].sort(),
    );
    expect(docs.length).toBeGreaterThanOrEqual(14);
  });

  it('gives the same verdict on every fixture and every generated variant', async () => {
    const disagreements: string[] = [];
    const beyond = new Set<string>();
    let compared = 0;
    for (const doc of docs) {
      const base = JSON.parse(doc.text) as Json;
      for (const value of [base, ...variants(base)]) {
        const text = canonicalStringify(plain(value));
        const v = await validateText(text, `${doc.label}.json`, doc.kind);
        const byValidate = errors(v.issues);
        const byAjv = check(doc.kind)(JSON.parse(text)) === true;
        compared++;
        if (byAjv === (byValidate.length === 0)) continue;
        if (byAjv && byValidate.every((i) => BEYOND_JSON_SCHEMA.has(i.code))) {
          for (const i of byValidate) beyond.add(i.code);
          continue;
        }
        disagreements.push(
          `${doc.label} (${doc.kind}): ajv ${byAjv ? 'accepts' : 'refuses'}, validate ${
            byValidate.length
              ? `refuses: ${byValidate.map((i) => `${i.code} ${i.message}`).join('; ')}`
              : 'accepts'
          } — ${text.slice(0, 160)}`,
        );
      }
    }
    if (process.env.CW_CONTRACT_DEBUG) {
      const reasons = new Map<string, number>();
      for (const d of disagreements) {
        const k = d.replace(/ — .*$/, '').replace(/^\S+ /, '');
        reasons.set(k, (reasons.get(k) ?? 0) + 1);
      }
      console.log([...reasons].map(([k, n]) => `${n}\t${k}`).join('\n'));
    }
    if (process.env.CW_CONTRACT_DEBUG)
      console.log(disagreements.filter((d) => d.includes(process.env.CW_CONTRACT_DEBUG ?? '')).join('\n'));
    expect(disagreements.slice(0, 10)).toEqual([]);
    if (process.env.CW_CONTRACT_DEBUG) console.log(`compared ${compared}`);
    expect(compared).toBeGreaterThan(2000);
    // the allowance is used, and only for the checks it names
    expect(beyond.size).toBeGreaterThan(0);
  }, 120_000);
});

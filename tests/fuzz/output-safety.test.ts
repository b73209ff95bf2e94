// What the SDK writes is safe to open: every CSV it writes (toCsv, and the CLI's `--format csv`
// outputs, fed with formula-injection payloads) has no cell a spreadsheet would run as a
// formula, and no CLI output in any format (JSON, CSV, Markdown, tables, files written) shows
// `NaN`, `Infinity` or `undefined`.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dec } from '@commonweal/core/money';
import { parseCsv, toCsv } from '@commonweal/csv';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleCommands, formatsOf, runIn, runPrerequisites, scratch, withOption } from './cli';
import { runs } from './seed';

const work = scratch();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'];
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** Cells a spreadsheet would run as a formula: text starting with a trigger, not neutralised by a leading '. */
function dangerousCells(csv: string, delimiter = ','): string[] {
  const bad: string[] = [];
  for (const rec of parseCsv(csv, { delimiter }).records)
    for (const cell of rec.fields) if (TRIGGERS.includes(cell[0] ?? '') && !NUMBER.test(cell)) bad.push(cell);
  return bad;
}

const PAYLOADS = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1',
  '=1;2',
  "'=already quoted",
];

describe('CSV outputs are safe against formula injection', () => {
  it('the check itself finds a live formula and passes numbers and neutralised text', () => {
    expect(dangerousCells(`a,=1,-2,"'=x",3e5,"-1+1"\n`)).toEqual(['=1', '-1+1']);
  });

  it('toCsv neutralises every text cell that starts with a trigger, keeps numbers numeric, and round-trips (property)', () => {
    const text = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text, note: text, amount: fc.integer({ min: -1e6, max: 1e6 }) }), {
          maxLength: 10,
        }),
        fc.constantFrom(',', ';'),
        (rows, delimiter) => {
          const csv = toCsv(
            rows,
            [
              'name',
              { header: '=header', value: (r) => r.note },
              { header: 'amount', value: (r) => dec(r.amount) },
            ],
            { delimiter },
          );
          const records = parseCsv(csv, { delimiter }).records;
          expect(dangerousCells(csv, delimiter)).toEqual([]);
          expect(records[0]?.fields).toEqual(['name', "'=header", 'amount']);
          records.slice(1).forEach((rec, i) => {
            const r = rows[i]!;
            const back = (v: string) => (TRIGGERS.includes(v[0] ?? '') ? `'${v}` : v);
            expect(rec.fields).toEqual([back(r.name), back(r.note), String(r.amount)]);
          });
        },
      ),
      runs(200),
    );
  });

  it('commonweal value --format csv: measure, theme and unit texts with payloads are neutralised', async () => {
    const measures = [
      'code,title,theme,outcome,unit,proxy_value,price_year,currency,counting_rule,source,licence',
      ...PAYLOADS.map(
        (p, i) =>
          `M${i},"${p.replaceAll('"', '""')}","${p.replaceAll('"', '""')}","${p.replaceAll('"', '""')}","${p.replaceAll('"', '""')}",10,2024,GBP,perYear,"${p.replaceAll('"', '""')}",CC0-1.0`,
      ),
    ].join('\n');
    const entries = ['measure,quantity,year', ...PAYLOADS.map((_, i) => `M${i},-2,2025`), 'M0,3,2025'].join(
      '\n',
    );
    writeFileSync(join(work, 'inject-measures.csv'), `${measures}\n`);
    writeFileSync(join(work, 'inject-entries.csv'), `${entries}\n`);
    const r = await runIn(work, [
      'value',
      '--framework',
      'inject-measures.csv',
      '--entries',
      'inject-entries.csv',
      '--format',
      'csv',
    ]);
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stdout.split('\n').length).toBeGreaterThan(2);
    expect(dangerousCells(r.stdout)).toEqual([]);
  });

  it('commonweal spend --format csv: supplier names with payloads are neutralised', async () => {
    const spend = [
      'Date,Supplier Name,Amount',
      ...PAYLOADS.map(
        (p, i) => `2024-04-0${(i % 9) + 1},"${p.replaceAll('"', '""')}",${i % 2 ? '-' : ''}1${i}00.50`,
      ),
    ].join('\n');
    writeFileSync(join(work, 'inject-spend.csv'), `${spend}\n`);
    const r = await runIn(work, [
      'spend',
      '--spend',
      'inject-spend.csv',
      '--local',
      'EX1',
      '--format',
      'csv',
    ]);
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stdout).toContain('HYPERLINK');
    expect(dangerousCells(r.stdout)).toEqual([]);
  });
});

const cases = exampleCommands();
const NOT_A_NUMBER = /\bNaN\b|\bInfinity\b|\bundefined\b/;

describe('no CLI output shows NaN, Infinity or undefined', () => {
  it.each(cases)('$name, in every format', async ({ name, argv }) => {
    await runPrerequisites(work, cases, name);
    const formats = formatsOf(argv[0]!);
    for (const f of formats.length ? formats : ['table']) {
      const v = f === 'table' ? argv : withOption(argv, '--format', f);
      const r = await runIn(work, v);
      expect(r.code, `${v.join(' ')}\n${r.stderr}`).toBeLessThan(2);
      const outputs = { stdout: r.stdout, stderr: r.stderr, ...r.written };
      for (const [where, text] of Object.entries(outputs)) {
        expect(text.match(NOT_A_NUMBER)?.[0], `${v.join(' ')} → ${where}`).toBeUndefined();
        if (f === 'csv' || where.endsWith('.csv')) expect(dangerousCells(text)).toEqual([]);
        if (f === 'json' && (where.endsWith('.json') || (where === 'stdout' && text)))
          expect(() => JSON.parse(text)).not.toThrow();
      }
    }
  });
});

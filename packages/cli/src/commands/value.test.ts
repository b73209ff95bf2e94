import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValuationJsonSchema } from '@commonweal/core/valuation';
import { valueFlow } from '@commonweal/flows';
import { canonicalStringify, jsonSchema } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';
import type { CliIO } from '../util/io';
import type { OutputSink } from '../util/output';
import { computeValue, type ValueOutcome, writeValuationJson } from './value';

const example = [
  'value',
  '--framework',
  'examples/valuation/measures.csv',
  '--entries',
  'examples/valuation/commitments.csv',
  '--contract-value',
  '2400000',
  '--investment',
  '150000',
];

describe('commonweal value', () => {
  it('values the example and prints a readable table', async () => {
    const r = await runCli(example);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Social value valuation');
    expect(r.stdout).toContain('Record-only measures');
    // EX-JOB: 12.5 FTE × £21,000 × 2 years = £525,000 gross (Torbay counting: 25 FTE-years)
    expect(r.stdout).toMatch(/EX-JOB.*12\.5 FTE\s+2\s+£525,000\.00\s+£354,375\.00/);
    expect(r.stdout).toContain('Rows: 5 read, 5 accepted, 0 rejected.');
  });

  it('writes JSON that validates against the published JSON Schema', async () => {
    const r = await runCli([...example, '--format', 'json', '--lines']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(jsonSchema('valuation-output'));
    const valid = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(ValuationJsonSchema.safeParse(json).success).toBe(true);
    // hand-checked: EX-JOB impact = 12.5 × 21,000 × (1 − 0.25) × (1 − 0.1) = 177,187.5; net over 2 years = 354,375
    const job = json.lines.find((l: { measure: string }) => l.measure === 'EX-JOB');
    expect(job.impact).toBe('177187.5');
    expect(job.net).toBe('354375');
    // Green Book: year 0 undiscounted, year 1 × 1/1.035 → 177,187.5 + 171,195.652… = 348,383.15 to the penny
    expect(job.presentValue.startsWith('348383.15217391304347826')).toBe(true);
    expect(json.lines.map((l: { line: number }) => l.line)).toEqual([2, 3, 4, 5, 6]);
    expect(json.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same bytes twice', async () => {
    const a = await runCli([...example, '--format', 'json']);
    const b = await runCli([...example, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('writes CSV and Markdown', async () => {
    const csv = await runCli([...example, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'line,measure,theme,outcome,unit,quantity,countedYears,proxy,gross,impact,net,presentValue,low,high,recordOnly',
    );
    const md = await runCli([...example, '--format', 'md']);
    expect(md.stdout).toContain('| theme | gross | net | present value |');
  });

  it('--format csv writes its lines as the entries are read, and no file when nothing is valued', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-value-csv-'));
    const fw = join(process.cwd(), 'examples/valuation/measures.csv');
    writeFileSync(join(dir, 'e.csv'), 'measure,quantity,year\nEX-JOB,2,2027\nNOPE,1,2024\nWB1,1.5,2026\n');
    writeFileSync(join(dir, 'none.csv'), 'measure,quantity,year\nNOPE,1,2026\n');
    const args = ['value', '--framework', fw, '--entries', 'e.csv', '--format', 'csv'];
    const out = await runCli([...args, '--out', 'lines.csv'], dir);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('wrote ');
    const lines = readFileSync(join(dir, 'lines.csv'), 'utf8');
    // the same bytes as the lines CSV written after the totals (--strict's path, when nothing is wrong)
    const r = await valueFlow({
      framework: { name: fw, text: readFileSync(fw, 'utf8') },
      entries: { name: 'e.csv', text: readFileSync(join(dir, 'e.csv'), 'utf8') },
    });
    if (!r.ok) throw new Error(r.headline);
    let expected = '';
    await r.writeCsv((t) => {
      expected += t;
    });
    expect(lines).toBe(expected);
    expect(
      lines
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(',').slice(0, 2).join(',')),
    ).toEqual(['2,EX-JOB', '4,WB1']);
    expect((await runCli(args, dir)).stdout).toBe(expected);
    const none = await runCli(
      ['value', '--framework', fw, '--entries', 'none.csv', '--format', 'csv', '--out', 'no.csv'],
      dir,
    );
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(() => readFileSync(join(dir, 'no.csv'))).toThrow(/ENOENT/);
  });

  it('reports bad rows with their location, leaves them out and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-value-'));
    writeFileSync(
      join(dir, 'bad.csv'),
      'measure,quantity,year,duration\nEX-JOB,12.5,2026,2\nEX-JOB,ten,2026,1\nNOPE,1,2026,1\n',
    );
    const r = await runCli(
      [
        'value',
        '--framework',
        join(process.cwd(), 'examples/valuation/measures.csv'),
        '--entries',
        'bad.csv',
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:3:2 quantity: .*ten/);
    expect(r.stderr).toMatch(/bad\.csv:4:1 measure: .*NOPE/);
    expect(r.stderr).toContain('2 of 3 rows rejected');
    expect(r.stdout).toContain('Rows: 3 read, 1 accepted, 2 rejected.');
    const strict = await runCli(
      [
        'value',
        '--framework',
        join(process.cwd(), 'examples/valuation/measures.csv'),
        '--entries',
        'bad.csv',
        '--strict',
      ],
      dir,
    );
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
  });

  it('answers usage errors with one line and exit 2', async () => {
    const a = await runCli(['value', '--entries', 'x.csv']);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toContain('--framework is required');
    const b = await runCli(['value', '--bogus']);
    expect(b.code).toBe(2);
    const c = await runCli([...example, '--discounting', 'sideways']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--discounting');
    const d = await runCli(['value', '--framework', 'missing.csv', '--entries', 'x.csv']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('no such file');
    expect(d.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help with examples', async () => {
    const r = await runCli(['value', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--discounting');
  });

  it('reproduces SROI and social value % of the example by hand', async () => {
    const r = await runCli([...example, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    const pv = Number(json.totals.presentValue);
    // socialValuePercent = PV ÷ 2,400,000 × 100; SROI ratio = PV ÷ 150,000 (checked in floats to 1e-9 only)
    expect(Math.abs(Number(json.socialValuePercent) - (pv / 2_400_000) * 100)).toBeLessThan(1e-9);
    expect(Math.abs(Number(json.sroi.ratio) - pv / 150_000)).toBeLessThan(1e-9);
    expect(readFileSync(join(process.cwd(), 'examples/valuation/README.md'), 'utf8')).toContain(
      'value --framework',
    );
  });

  it('writes stdout for --out - (never a file named "-")', async () => {
    const plain = await runCli([...example, '--format', 'csv']);
    const dash = await runCli([...example, '--format', 'csv', '--out', '-']);
    expect(dash.code).toBe(0);
    expect(dash.stdout).toBe(plain.stdout);
    expect(dash.stderr).not.toContain('wrote');
  });

  it('lists at most 1000 lines in the table, with a note, and a wide table without a stack overflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-value-'));
    const file = join(dir, 'many.csv');
    const rows = ['measure,quantity,year'];
    for (let i = 0; i < 150_000; i++) rows.push('EX-JOB,1,2025');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const r = await runCli(['value', '--framework', 'examples/valuation/measures.csv', '--entries', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lines: the first 1000 of 150000 are shown');
    expect(r.stdout).toContain('Rows: 150000 read, 150000 accepted, 0 rejected.');
    expect(r.stdout.split('\n').filter((l) => /^\s*\d+\s+EX-JOB/.test(l))).toHaveLength(1000);
  }, 60_000);

  it('gives NPV, the SROI ratio low – high and switching values in the table (hand-checked)', async () => {
    const r = await runCli(example);
    expect(r.code).toBe(0);
    // NPV = 548,302.92 − 150,000; low and high = PV low / high ÷ 150,000
    expect(r.stdout).toMatch(/NPV \(present value − investment\)\s+£398,302\.92/);
    expect(r.stdout).toMatch(/SROI ratio low – high \(proxy ranges\)\s+2\.98 – 4\.33 : 1/);
    expect(r.stdout).toMatch(/Switching value: deadweight\s+0\.79 \(now 0\.23\)/);
    expect(r.stdout).toMatch(/Switching value: drop-off\s+stays above/);
    const json = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    expect(json.sroi.npv.startsWith('398302.9189099888450360787')).toBe(true);
  });

  describe('JSON: totals by default, lines with --lines, every source written once', () => {
    const io: CliIO = { stdout: () => {}, stderr: () => {}, cwd: ROOT, isTTY: false };
    const values = {
      framework: 'examples/valuation/measures.csv',
      entries: 'examples/valuation/commitments.csv',
    };
    const collect = async (o: ValueOutcome, lines: boolean): Promise<string> => {
      let text = '';
      const sink: OutputSink = {
        write: (t) => {
          text += t;
        },
        end: () => {},
      };
      await writeValuationJson(o, sink, { lines });
      return text;
    };

    it('writes no lines without --lines, and still cites the proxies’ sources', async () => {
      const r = await runCli([...example, '--format', 'json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.lines).toBeUndefined();
      expect(ValuationJsonSchema.safeParse(json).success).toBe(true);
      const titles = Object.values(json.sources as Record<string, { title: string }>).map((s) => s.title);
      expect(titles).toContain('Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance');
      expect(titles).toContain('The Green Book: Central Government Guidance on Appraisal and Evaluation');
      expect(json.options.discounting.source).toMatch(/^src-[0-9a-f]{12}$/);
      expect(json.sources[json.options.discounting.source].publisher).toBe('HM Treasury');
      // totals are the same with or without lines
      const full = JSON.parse((await runCli([...example, '--format', 'json', '--lines'])).stdout);
      expect(json.totals).toEqual(full.totals);
      expect(json.sources).toEqual(full.sources);
    });

    it('refers to each source by id: no provenance repeated in lines', async () => {
      const r = await runCli([...example, '--format', 'json', '--lines']);
      const json = JSON.parse(r.stdout);
      const ids: string[] = [];
      const walk = (t: { inputs: Record<string, { source?: unknown; trace?: unknown }> }) => {
        for (const i of Object.values(t.inputs)) {
          if (i.source !== undefined) {
            expect(typeof i.source).toBe('string');
            ids.push(i.source as string);
          }
          if (i.trace) walk(i.trace as typeof t);
        }
      };
      for (const l of json.lines) walk(l.trace);
      expect(ids.length).toBeGreaterThan(10);
      for (const id of ids) expect(json.sources[id]).toBeDefined();
      // the Green Book's notes (a paragraph) appear once in the whole document
      expect(r.stdout.split('Standard schedule: 3.5%').length - 1).toBe(1);
    });

    it('streams lines to the same bytes as writing the document whole', async () => {
      const whole = await computeValue(io, values);
      const expected = await collect(whole, true);
      expect(expected).toBe(canonicalStringify(JSON.parse(expected), { indent: 2, finalNewline: true }));
      expect(JSON.parse(expected).lines).toHaveLength(5);
    });

    it('gives the value flow’s bytes, its lines held or read again (the flow is the command)', async () => {
      const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
      const input = {
        framework: { name: 'examples/valuation/measures.csv', text: read('examples/valuation/measures.csv') },
        entries: {
          name: 'examples/valuation/commitments.csv',
          text: read('examples/valuation/commitments.csv'),
        },
        contractValue: '2400000',
        investment: '150000',
      };
      for (const holdLines of [0, 1000]) {
        const r = await valueFlow({ ...input, holdLines });
        if (!r.ok) throw new Error(r.headline);
        for (const [args, write] of [
          [['--format', 'json'], (w: (t: string) => void) => r.writeJson(w)],
          [['--format', 'json', '--lines'], (w: (t: string) => void) => r.writeJson(w, { lines: true })],
          [['--format', 'csv'], (w: (t: string) => void) => r.writeCsv(w)],
        ] as const) {
          let flow = '';
          await write((t) => {
            flow += t;
          });
          const cli = await runCli([...example, ...args]);
          expect(cli.code).toBe(0);
          expect(cli.stdout).toBe(flow);
        }
      }
    });

    it('refuses --lines with a format other than JSON', async () => {
      const r = await runCli([...example, '--format', 'csv', '--lines']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--lines goes with --format json');
    });
  });
});

describe('commonweal value --columns (the streaming CSV path and the loader)', () => {
  it('reads an entries file whose columns are named differently, with the same result', async () => {
    const text = readFileSync('examples/valuation/commitments.csv', 'utf8').replace(
      /^measure,quantity,year/,
      'Measure Code,Number,Reporting Year',
    );
    const d = mkdtempSync(join(tmpdir(), 'cw-value-cols-'));
    writeFileSync(join(d, 'renamed.csv'), text);
    writeFileSync(join(d, 'map.csv'), 'field,column\nmeasure,Measure Code\nquantity,Number\n');
    const fw = join(process.cwd(), 'examples/valuation/measures.csv');
    const base = [
      'value',
      '--framework',
      fw,
      '--entries',
      'renamed.csv',
      '--contract-value',
      '2400000',
      '--investment',
      '150000',
      '--format',
      'json',
    ];
    const want = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    const refused = await runCli(base, d);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('name the column that holds it with --columns quantity="<header>"');
    const r = await runCli([...base, '--columns-file', 'map.csv', '--columns', 'year="Reporting Year"'], d);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    expect(got.totals).toEqual(want.totals);
    const bad = await runCli([...base, '--columns', 'yr=Reporting Year'], d);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'no field "yr" in this command; it accepts entries: measure, quantity, year',
    );
  });

  describe('several entries files', () => {
    const D = 'examples/valuation/delivered';
    const H1 = `${D}/delivered-2026-h1.csv`;
    const H2 = `${D}/delivered-2026-h2.csv`;
    const head = ['value', '--framework', 'examples/valuation/measures.csv', '--price-year', '2024'];

    it('reads a pattern as the files repeated, with a By file table and JSON files', async () => {
      const glob = await runCli([...head, '--entries', `${D}/delivered-*.csv`, '--format', 'json']);
      expect(glob.code).toBe(0);
      const repeated = await runCli([...head, '--entries', H1, '--entries', H2, '--format', 'json']);
      expect(repeated.stdout).toBe(glob.stdout);
      const doc = JSON.parse(glob.stdout);
      expect(ValuationJsonSchema.safeParse(doc).success).toBe(true);
      expect(doc.files.map((f: { file: string }) => f.file)).toEqual([H1, H2]);
      expect(doc.files[0].counts).toEqual({ read: 2, accepted: 2, rejected: 0 });
      // EX-JOB alone: £348,383.15 (as in the one-file example)
      expect(doc.files[0].totals.presentValue.slice(0, 9)).toBe('348383.15');
      const table = await runCli([...head, '--entries', `${D}/delivered-*.csv`, '--quiet']);
      expect(table.stdout).toContain('By file');
      expect(table.stdout).toMatch(/delivered-2026-h2\.csv +3 +3 +0 +£193,159\.19/);
      expect(table.stdout).toMatch(/all files +5 +5 +0 +£541,542\.35/);
    });

    it('exits 2 naming a pattern that matches nothing, and a file given twice', async () => {
      const none = await runCli([...head, '--entries', `${D}/returns-*.csv`]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(`--entries '${D}/returns-*.csv' matches no file`);
      const twice = await runCli([...head, '--entries', H1, '--entries', `${D}/delivered-*.csv`]);
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain(`--entries: ${H1} is given twice`);
    });
  });
});

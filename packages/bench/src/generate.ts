import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { SupplierRecordInput } from '@commonweal/core/economy';
import type { FrameworkInput } from '@commonweal/core/framework';
import type { EvaluationInputJson } from '@commonweal/core/procurement';
import { Rng } from './prng';

// Synthetic inputs for the benchmarks. Every proxy here is a made-up round number for load, not a
// published value; the shapes (headers, date forms, credit notes, redactions, bad rows) follow
// the real files described in shared/domain/economy.md §5–§7.

const SOURCE = { title: 'Synthetic benchmark proxy (not a published value)', licence: 'CC0-1.0' };

function proxy(value: string, priceYear: number, low?: string, high?: string) {
  const p: Record<string, unknown> = {
    value,
    currency: 'GBP',
    priceYear,
    basis: 'per unit',
    source: { ...SOURCE, priceYear },
  };
  if (low !== undefined) p.low = low;
  if (high !== undefined) p.high = high;
  return p;
}

/**
 * A small framework of 12 measures: proxies in 2019, 2022 and 2024 prices (so rebasing with the
 * GDP deflator runs), low/high ranges, defaults, a first-year-only measure and two record-only
 * measures.
 */
export function benchFramework(): FrameworkInput {
  return {
    id: 'bench',
    title: 'Benchmark framework (synthetic)',
    currency: 'GBP',
    themes: [
      { id: 'jobs', title: 'Jobs' },
      { id: 'social', title: 'Social' },
      { id: 'environment', title: 'Environment' },
      { id: 'growth', title: 'Growth' },
    ],
    outcomes: [
      { id: 'employment', theme: 'jobs', title: 'More local people in good work' },
      { id: 'wellbeing', theme: 'social', title: 'Better wellbeing' },
      { id: 'net-zero', theme: 'environment', title: 'Net zero' },
    ],
    measures: [
      m('JOB', 'jobs', 'FTE', proxy('21000', 2024, '18000', '24000'), 'employment'),
      m('APP', 'jobs', 'weeks', proxy('250.5', 2022), 'employment'),
      m('HIRE', 'jobs', 'people', proxy('1200', 2024), 'employment', { countingRule: 'firstYearOnly' }),
      m('WB', 'social', 'WELLBY', proxy('13000', 2019, '10000', '16000'), 'wellbeing', {
        defaults: { deadweight: '0.2', dropOff: '0.1' },
      }),
      m('VOL', 'social', 'hours', proxy('14.43', 2022), 'wellbeing'),
      m('CARE', 'social', 'people', proxy('850', 2024, '700', '1000'), 'wellbeing', {
        defaults: { displacement: '0.1', duration: 3 },
      }),
      m('CO2', 'environment', 'tCO2e', proxy('260.96', 2022, '130.48', '391.44'), 'net-zero'),
      m('KWH', 'environment', 'kWh', proxy('0.21', 2024), 'net-zero'),
      m('TREE', 'environment', 'trees', proxy('35', 2024)),
      m('SPEND', 'growth', 'GBP', proxy('0.63', 2024)),
      m('NEET', 'jobs', 'people', null, 'employment'),
      m('MEET', 'growth', 'meetings', null),
    ],
  };
}

function m(
  code: string,
  theme: string,
  unit: string,
  p: Record<string, unknown> | null,
  outcome?: string,
  extra: Record<string, unknown> = {},
): FrameworkInput['measures'][number] {
  const out: Record<string, unknown> = { code, title: `Synthetic measure ${code}`, theme, unit, proxy: p };
  if (outcome !== undefined) out.outcome = outcome;
  return { ...out, ...extra } as FrameworkInput['measures'][number];
}

/** Writes text lines to a file with backpressure. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const ENTRY_HEADER =
  'measure,quantity,year,duration,deadweight,attribution,displacement,drop_off,local,supplier,contract,evidence,notes\n';

/** One adjustment profile per supplier: suppliers reuse their own assumptions across rows. */
interface Profile {
  duration: string;
  deadweight: string;
  attribution: string;
  displacement: string;
  dropOff: string;
}

function profiles(rng: Rng, n: number): Profile[] {
  const frac = () => rng.pick(['', '', '', '10%', '20%', '0.25', '0.15', '5%']);
  return Array.from({ length: n }, () => ({
    duration: rng.pick(['', '1', '2', '3', '5']),
    deadweight: frac(),
    attribution: frac(),
    displacement: frac(),
    dropOff: rng.pick(['', '', '10%', '0.2']),
  }));
}

const BAD_ENTRY_ROWS = [
  'JOB,ten,2026,2,,,,,yes,Bad Row Ltd,C-BAD,,not a number\n',
  'NOPE,3,2026,1,,,,,,Bad Row Ltd,C-BAD,,unknown measure\n',
  'WB,2,31/03/2026,1,,,,,,Bad Row Ltd,C-BAD,,a date in the year column\n',
  'CO2,5,2026,1,120%,,,,,Bad Row Ltd,C-BAD,,fraction above 100%\n',
  'VOL,5,2026,1,,,,,,Bad Row Ltd,C-BAD,,too,many,fields\n',
  'KWH,"12,2026,1,,,,,,Bad Row Ltd,C-BAD,,unclosed quote\n',
  'JOB,-3,2026,1,,,,,,Bad Row Ltd,C-BAD,,negative quantity\n',
  'APP,4,2026,0,,,,,,Bad Row Ltd,C-BAD,,duration 0\n',
];

/**
 * Lines of an entries CSV: `rows` data rows (about 0.4 % bad, of eight kinds), quantities with
 * up to two decimals, years 2025–2030, adjustments from the supplier's profile.
 */
export function* entryLines(rows: number, seed: number): Generator<string> {
  const rng = new Rng(seed);
  const fw = benchFramework();
  const codes = fw.measures.map((x) => x.code);
  const suppliers = Array.from({ length: 200 }, (_, i) => `Supplier ${String(i + 1).padStart(3, '0')} Ltd`);
  const profs = profiles(rng, suppliers.length);
  yield ENTRY_HEADER;
  for (let i = 0; i < rows; i++) {
    if (rng.chance(0.004)) {
      yield rng.pick(BAD_ENTRY_ROWS);
      continue;
    }
    const s = rng.int(0, suppliers.length - 1);
    const p = profs[s]!;
    const code = rng.pick(codes);
    const q = rng.chance(0.5) ? String(rng.int(1, 400)) : `${rng.int(0, 2000)}.${rng.int(0, 99)}`;
    const year = rng.int(2025, 2030);
    const local = rng.pick(['yes', 'no', '']);
    const notes = rng.chance(0.05) ? '"commitment, as tendered"' : '';
    yield `${code},${q},${year},${p.duration},${p.deadweight},${p.attribution},${p.displacement},${p.dropOff},${local},${suppliers[s]},C-${(s % 37) + 1},payroll,${notes}\n`;
  }
}

/** Spend file layouts (economy.md §5). */
export type SpendVariant = 'devon' | 'ecambs';

const DEVON_HEADER =
  'Body,Name of Body,Date,Transaction Number,Invoice Number,Amount,Supplier Name,Supplier ID,Vat Reg No,Expense Area,Expense Type,Expense Code,Creditor Type\n';
const ECAMBS_HEADER =
  'Body name,Transaction date,Supplier (beneficiary),Transaction number,Net amount,Irrecoverable VAT,Department/service,Procurement category,CIPFA expenditure code,Purpose,Card transaction\n';

const AREAS = ['Adult Care', 'Highways', 'Children Services', 'Waste', 'Libraries', 'Public Health'];
const TYPES = ['Consultancy', 'Repairs', 'Catering', 'Agency Staff', 'Grounds', 'IT Licences', 'Transport'];
const CREDITOR = ['LTD', 'LLP', 'BUSN', 'WGA', 'INDV', 'SOLE', 'EY', 'EDUC'];
const REDACTIONS = ['REDACTED', 'Redacted Personal Data', 'REDACTED UNDER DP ACT'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function amount(rng: Rng): string {
  const pounds = rng.chance(0.9) ? rng.int(500, 25_000) : rng.int(25_000, 900_000);
  if (rng.chance(0.01)) return `${pounds}.70999999999`; // Devon float artefact
  const a = `${pounds}.${pad2(rng.int(0, 99))}`;
  return rng.chance(0.03) ? `-${a}` : a; // credit notes
}

/**
 * Lines of a spend CSV in Devon's or East Cambridgeshire's layout: 5,000 suppliers (a few
 * dominant), 3 % credit notes, 1 % redactions, 1 % float artefacts, ~0.3 % bad rows (unreadable
 * amount, impossible date, empty supplier, short row).
 */
export function* spendLines(rows: number, seed: number, variant: SpendVariant): Generator<string> {
  const rng = new Rng(seed);
  const suppliers = Array.from({ length: 5000 }, (_, i) => `Supplier ${i + 1} Ltd`);
  yield variant === 'devon' ? DEVON_HEADER : ECAMBS_HEADER;
  for (let i = 0; i < rows; i++) {
    const s = rng.chance(0.3) ? rng.int(0, 49) : rng.int(0, suppliers.length - 1);
    const redacted = rng.chance(0.01);
    const name = redacted ? rng.pick(REDACTIONS) : suppliers[s]!;
    const y = rng.int(2023, 2025);
    const mo = rng.int(1, 12);
    const d = rng.int(1, 28);
    let amt = amount(rng);
    let date = variant === 'devon' ? `${y}-${pad2(mo)}-${pad2(d)} 00:00:00` : `${pad2(d)}/${pad2(mo)}/${y}`;
    let supplier = name.includes(',') ? `"${name}"` : name;
    let short = false;
    if (rng.chance(0.003)) {
      const k = rng.int(0, 3);
      if (k === 0) amt = 'TBC';
      else if (k === 1) date = variant === 'devon' ? `${y}-02-31 00:00:00` : `31/02/${y}`;
      else if (k === 2) supplier = '';
      else short = true;
    }
    const area = rng.pick(AREAS);
    const type = rng.pick(TYPES);
    if (variant === 'devon') {
      const id = redacted ? '' : String(100000 + s);
      const row = `E10000008,Devon County Council,${date},${5_000_000 + i},INV${rng.int(10000, 99999)},${amt},${supplier},${id},GB${rng.int(100000000, 999999999)},${area},${type},${rng.int(1000, 9999)},${rng.pick(CREDITOR)}\n`;
      yield short ? `E10000008,Devon County Council,${date},${5_000_000 + i}\n` : row;
    } else {
      const vat = rng.chance(0.1) ? `${rng.int(0, 99)}.${pad2(rng.int(0, 99))}` : '0.00';
      const card = rng.chance(0.05) ? 'Y' : 'N';
      const row = `East Cambridgeshire District Council,${date},${supplier},${7_000_000 + i},${amt},${vat},${area},${type},${rng.int(100, 999)},"${type}, ${area}",${card}\n`;
      yield short ? `East Cambridgeshire District Council,${date},${supplier}\n` : row;
    }
  }
}

/** Tender dimensions: `criteria` counts the top-level criteria (groups count once). */
export interface TenderSize {
  bids: number;
  criteria: number;
  evaluators: number;
}

/** `n` weights summing to exactly `total` (in hundredths), the remainder on the last. */
export function weights(n: number, total = 100): string[] {
  const cents = total * 100;
  const each = Math.floor(cents / n);
  const out = Array.from({ length: n }, () => (each / 100).toFixed(2));
  out[n - 1] = ((cents - each * (n - 1)) / 100).toFixed(2);
  return out;
}

/** Every how many top-level quality criteria one is a group of three sub-criteria. */
const GROUP_EVERY = 4;

/**
 * A wide tender, as long framework tenders are written: `criteria` top-level criteria — price
 * (30 %), qualitative social value (10 %) and `criteria − 2` quality criteria sharing 60 %, every
 * fourth of them a group of three sub-criteria — scored 0–10 (social value 0–5) by every
 * evaluator on every bid; bids priced around £1m.
 */
export function tender(size: TenderSize, seed: number): EvaluationInputJson {
  if (size.criteria < 3) throw new Error('a bench tender needs at least 3 top-level criteria');
  const rng = new Rng(seed);
  const q = size.criteria - 2;
  // top-level quality weights as percentages of the whole, the group's share of 60 %
  const qw = weights(q, 60);
  const leaves: string[] = [];
  const quality = Array.from({ length: q }, (_, i) => {
    const id = `q${i + 1}`;
    if (i % GROUP_EVERY === GROUP_EVERY - 1) {
      const sub = weights(3).map((w, j) => {
        leaves.push(`${id}.${j + 1}`);
        return {
          id: `${id}.${j + 1}`,
          title: `Quality question ${i + 1} part ${j + 1}`,
          type: 'quality' as const,
          weight: w,
          scale: { max: 10 },
        };
      });
      return {
        id,
        title: `Quality question ${i + 1}`,
        type: 'group' as const,
        weight: qw[i]!,
        criteria: sub,
      };
    }
    leaves.push(id);
    return {
      id,
      title: `Quality question ${i + 1}`,
      type: 'quality' as const,
      weight: qw[i]!,
      scale: { max: 10 },
    };
  });
  const model = {
    id: `bench-${size.bids}x${size.criteria}x${size.evaluators}`,
    title: 'Synthetic tender',
    currency: 'GBP',
    criteria: [
      { id: 'price', title: 'Price', weight: '30', type: 'price' as const, method: 'lowest-ratio' as const },
      ...quality,
      {
        id: 'sv',
        title: 'Social value',
        weight: '10',
        type: 'social-value' as const,
        mode: 'qualitative' as const,
        scale: { max: 5 },
      },
    ],
  };
  const bids = Array.from({ length: size.bids }, (_, i) => ({
    bid: `B${String(i + 1).padStart(4, '0')}`,
    bidder: `Bidder ${i + 1} Ltd`,
    price: `${rng.int(800_000, 1_400_000)}.${pad2(rng.int(0, 99))}`,
  }));
  const scores: { bid: string; criterion: string; evaluator: string; score: string; comment: string }[] = [];
  for (const b of bids) {
    const skill = rng.int(3, 9);
    for (let e = 1; e <= size.evaluators; e++) {
      for (const c of leaves) {
        const s = Math.max(0, Math.min(10, skill + rng.int(-2, 2)));
        scores.push({ bid: b.bid, criterion: c, evaluator: `E${e}`, score: String(s), comment: 'meets' });
      }
      scores.push({
        bid: b.bid,
        criterion: 'sv',
        evaluator: `E${e}`,
        score: String(rng.int(1, 5)),
        comment: 'ok',
      });
    }
  }
  return { model, bids, scores } as EvaluationInputJson;
}

/** A tender as the files `commonweal evaluate` reads: model JSON, bids CSV and scores CSV. */
export function tenderFiles(t: EvaluationInputJson): { model: string; bids: string; scores: string } {
  const bids = (t.bids as { bid: string; bidder: string; price: string }[]).map(
    (b) => `${b.bid},${b.bidder},${b.price}\n`,
  );
  const scores = (
    t.scores as { bid: string; criterion: string; evaluator: string; score: string; comment: string }[]
  ).map((s) => `${s.bid},${s.criterion},${s.evaluator},${s.score},${s.comment}\n`);
  return {
    model: `${JSON.stringify(t.model, null, 2)}\n`,
    bids: `bid,bidder,price\n${bids.join('')}`,
    scores: `bid,criterion,evaluator,score,comment\n${scores.join('')}`,
  };
}

/** A supplier register as the CSV `commonweal spend --suppliers` reads. */
export function registerCsv(records: readonly SupplierRecordInput[]): string {
  const rows = records.map(
    (r) =>
      `${r.supplierId ?? ''},${r.supplierName},${r.postcode ?? ''},${r.sme ?? ''},${r.vcse ?? ''},${r.cooperative ?? ''}\n`,
  );
  return `supplier_id,supplier_name,postcode,sme,vcse,cooperative\n${rows.join('')}`;
}

/** Writes the entries CSV. */
export function writeEntries(path: string, rows: number, seed: number): Promise<void> {
  return writeLines(path, entryLines(rows, seed));
}

/** Writes a spend CSV. */
export function writeSpend(path: string, rows: number, seed: number, variant: SpendVariant): Promise<void> {
  return writeLines(path, spendLines(rows, seed, variant));
}

/**
 * A supplier register for the spend benchmark: the first 3,000 of the 5,000 synthetic suppliers
 * (ids and names as in {@link spendLines}), with postcodes inside and outside a Devon boundary
 * and SME/VCSE/co-operative flags.
 */
export function supplierRecords(seed: number): SupplierRecordInput[] {
  const rng = new Rng(seed);
  const postcodes = ['EX1 2AB', 'EX4 4QJ', 'TQ1 3DR', 'PL4 8AA', 'BS1 4DJ', 'TA1 1AA', 'SW1A 1AA', ''];
  return Array.from({ length: 3000 }, (_, s) => {
    const r: SupplierRecordInput = {
      supplierId: String(100000 + s),
      supplierName: `Supplier ${s + 1} Ltd`,
      sme: rng.pick(['Y', 'N', '']),
      vcse: rng.pick(['N', 'N', 'N', 'Y']),
      cooperative: rng.pick(['N', 'N', 'N', 'N', 'Y']),
    };
    const pc = rng.pick(postcodes);
    if (pc) r.postcode = pc;
    return r;
  });
}

/** The local boundary of the spend benchmark (Devon postcode areas). */
export const BENCH_LOCAL = ['EX', 'TQ', 'PL'];

/**
 * Lines of a file of exactly `bytes` bytes (ASCII), for runs at a size limit: JSON is one
 * object `{"pad":"xxx…"}`, CSV a `pad` column of 100-byte rows (the last one shorter).
 */
export function* sizedLines(bytes: number, kind: 'json' | 'csv'): Generator<string> {
  if (kind === 'json') {
    const open = '{"pad":"';
    const close = '"}\n';
    let left = bytes - open.length - close.length;
    if (left < 0) throw new RangeError(`a JSON file cannot be ${bytes} bytes`);
    yield open;
    const chunk = 'x'.repeat(1 << 16);
    for (; left >= chunk.length; left -= chunk.length) yield chunk;
    yield 'x'.repeat(left);
    yield close;
    return;
  }
  const head = 'pad\n';
  let left = bytes - head.length;
  if (left < 0) throw new RangeError(`a CSV file cannot be ${bytes} bytes`);
  yield head;
  const row = `${'x'.repeat(99)}\n`;
  for (; left >= row.length; left -= row.length) yield row;
  if (left > 0) yield `${'x'.repeat(left - 1)}\n`.slice(-left);
}

/** Writes a file of exactly `bytes` bytes (see {@link sizedLines}). */
export function writeSized(path: string, bytes: number, kind: 'json' | 'csv'): Promise<void> {
  return writeLines(path, sizedLines(bytes, kind));
}

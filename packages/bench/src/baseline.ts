// The baselines: what a competent analyst would write with csv-parse and decimal.js alone to get
// the same headline figures from the same file. They read every column the engines read and sum
// in decimals, so a ratio against them measures the engine's overhead, not csv-parse's speed.
// They do less than the engines (no drop-off, price rebasing, discounting, traces or located
// issues), which makes the ratio a conservative one.
import { createReadStream } from 'node:fs';
import { Dec, type Decimal } from '@commonweal/core/money';
import { parse } from 'csv-parse';

/** What a baseline reports: rows read, accepted and rejected, and its decimal totals. */
export interface BaselineResult {
  rows: number;
  accepted: number;
  rejected: number;
  totals: Record<string, string>;
  detail: Record<string, unknown>;
}

/** The part of a framework the value baseline needs: each measure's code and proxy value. */
export interface BaselineMeasure {
  code: string;
  proxy?: { value: string | number } | null;
}

function records(file: string) {
  return createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(
    parse({ bom: true, relax_column_count: true, skip_records_with_error: true }),
  );
}

function column(header: string[], names: readonly string[], file: string): number {
  const i = header.findIndex((h) => names.includes(h.trim().toLowerCase()));
  if (i < 0) throw new Error(`${file}: no column ${names.join(' / ')} in the header`);
  return i;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const ZERO = new Dec(0);
const ONE = new Dec(1);
const HUNDRED = new Dec(100);

/** '' → 0, '10%' → 0.1, '0.25' → 0.25; null when not a fraction from 0 to 1. */
function fraction(s: string): Decimal | null {
  if (s === '') return ZERO;
  const pct = s.endsWith('%');
  const body = pct ? s.slice(0, -1) : s;
  if (!NUMBER.test(body)) return null;
  const f = pct ? new Dec(body).div(HUNDRED) : new Dec(body);
  return f.isNegative() || f.gt(ONE) ? null : f;
}

/**
 * The value baseline: parses an entries CSV, extracts measure, quantity, year, duration,
 * deadweight, attribution and displacement, rejects rows that are not valid, and sums per
 * measure gross = quantity × proxy × duration and net = gross × (1 − deadweight) ×
 * (1 − attribution) × (1 − displacement) in decimals. Record-only measures sum their quantity.
 *
 * @example
 * ```ts
 * const r = await baselineValue(benchFramework().measures, 'entries.csv');
 * r.totals.net; // '313263775003.16…'
 * ```
 */
export async function baselineValue(
  measures: readonly BaselineMeasure[],
  file: string,
): Promise<BaselineResult> {
  const proxies = new Map<string, Decimal | null>();
  for (const m of measures) proxies.set(m.code, m.proxy ? new Dec(String(m.proxy.value)) : null);
  const sums = new Map<string, { gross: Decimal; net: Decimal; quantity: Decimal; n: number }>();
  const years = new Map<number, number>();
  let header: string[] | null = null;
  let ix: number[] = [];
  let rows = 0;
  let accepted = 0;
  let skipped = 0;
  const parser = records(file);
  parser.on('skip', () => {
    skipped++;
  });
  for await (const rec of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = rec;
      ix = ['measure', 'quantity', 'year', 'duration', 'deadweight', 'attribution', 'displacement'].map((c) =>
        column(rec, [c], file),
      );
      continue;
    }
    rows++;
    if (rec.length !== header.length) continue;
    const [mi, qi, yi, di, dwi, ai, dpi] = ix as [number, number, number, number, number, number, number];
    const code = (rec[mi] as string).trim();
    if (!proxies.has(code)) continue;
    const q = (rec[qi] as string).trim();
    if (!NUMBER.test(q) || q.startsWith('-')) continue;
    const y = (rec[yi] as string).trim();
    if (!/^\d{4}$/.test(y)) continue;
    const d = (rec[di] as string).trim();
    const duration = d === '' ? 1 : /^\d+$/.test(d) ? Number(d) : 0;
    if (duration < 1 || duration > 200) continue;
    const dw = fraction((rec[dwi] as string).trim());
    const at = fraction((rec[ai] as string).trim());
    const dp = fraction((rec[dpi] as string).trim());
    if (!dw || !at || !dp) continue;
    accepted++;
    years.set(Number(y), (years.get(Number(y)) ?? 0) + 1);
    const quantity = new Dec(q);
    let s = sums.get(code);
    if (!s) {
      s = { gross: ZERO, net: ZERO, quantity: ZERO, n: 0 };
      sums.set(code, s);
    }
    s.n++;
    s.quantity = s.quantity.plus(quantity);
    const proxy = proxies.get(code);
    if (!proxy) continue;
    const gross = quantity.times(proxy).times(duration);
    s.gross = s.gross.plus(gross);
    s.net = s.net.plus(gross.times(ONE.minus(dw)).times(ONE.minus(at)).times(ONE.minus(dp)));
  }
  let gross = ZERO;
  let net = ZERO;
  const byMeasure: Record<string, string> = {};
  for (const [code, s] of [...sums].sort(([a], [b]) => (a < b ? -1 : 1))) {
    gross = gross.plus(s.gross);
    net = net.plus(s.net);
    byMeasure[code] = s.net.toFixed(2);
  }
  return {
    rows: rows + skipped,
    accepted,
    rejected: rows + skipped - accepted,
    totals: { gross: gross.toFixed(2), net: net.toFixed(2) },
    detail: { byMeasure, skippedRecords: skipped, years: Object.fromEntries(years) },
  };
}

/** The part of a supplier register the spend baseline needs. */
export interface BaselineSupplier {
  supplierId?: string | undefined;
  supplierName: string;
  postcode?: string | undefined;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'YYYY-Qn' of an ISO or dd/mm/yyyy date; null when not a real date. */
function quarter(s: string): string | null {
  let y: number;
  let mo: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
  } else {
    const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (!dmy) return null;
    d = Number(dmy[1]);
    mo = Number(dmy[2]);
    y = Number(dmy[3]);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > (DAYS[mo - 1] as number)) return null;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return `${y}-Q${Math.ceil(mo / 3)}`;
}

const REDACTED = /redact/i;

/**
 * The spend baseline: parses a council spend file (Devon's or East Cambridgeshire's header),
 * extracts date, amount, supplier name and id, rejects rows without a real date or amount,
 * looks each supplier up in the register by id then by name, and sums in decimals the total,
 * the local spend (postcode area in `local`), the redacted spend, each quarter and each
 * supplier; then sorts the top 20 suppliers.
 *
 * @example
 * ```ts
 * const r = await baselineSpend('spend.csv', supplierRecords(7), ['EX', 'TQ', 'PL']);
 * r.totals.local; // '…'
 * ```
 */
export async function baselineSpend(
  file: string,
  register: readonly BaselineSupplier[],
  local: readonly string[],
): Promise<BaselineResult> {
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const s of register) {
    if (!s.postcode) continue;
    if (s.supplierId) byId.set(s.supplierId, s.postcode);
    byName.set(s.supplierName.trim().toLowerCase(), s.postcode);
  }
  const areas = new Set(local.map((l) => l.trim().toUpperCase()));
  let total = ZERO;
  let localSum = ZERO;
  let redacted = ZERO;
  const quarters = new Map<string, Decimal>();
  const suppliers = new Map<string, Decimal>();
  let header: string[] | null = null;
  let di = 0;
  let ai = 0;
  let ni = 0;
  let ii = -1;
  let rows = 0;
  let accepted = 0;
  let skipped = 0;
  const parser = records(file);
  parser.on('skip', () => {
    skipped++;
  });
  for await (const rec of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = rec;
      di = column(rec, ['date', 'transaction date', 'paid date'], file);
      ai = column(rec, ['amount', 'net amount'], file);
      ni = column(rec, ['supplier name', 'supplier (beneficiary)'], file);
      ii = rec.findIndex((h) => h.trim().toLowerCase() === 'supplier id');
      continue;
    }
    rows++;
    if (rec.length !== header.length) continue;
    const q = quarter((rec[di] as string).trim());
    if (!q) continue;
    const raw = (rec[ai] as string).trim().replace(/[£,]/g, '');
    if (!NUMBER.test(raw)) continue;
    accepted++;
    const amount = new Dec(raw);
    total = total.plus(amount);
    quarters.set(q, (quarters.get(q) ?? ZERO).plus(amount));
    const name = (rec[ni] as string).trim();
    if (name === '' || REDACTED.test(name)) {
      redacted = redacted.plus(amount);
      continue;
    }
    suppliers.set(name, (suppliers.get(name) ?? ZERO).plus(amount));
    const id = ii >= 0 ? (rec[ii] as string).trim() : '';
    const postcode = (id && byId.get(id)) || byName.get(name.toLowerCase());
    if (postcode) {
      const area = /^[A-Z]+/i.exec(postcode)?.[0]?.toUpperCase();
      if (area && areas.has(area)) localSum = localSum.plus(amount);
    }
  }
  const top = [...suppliers]
    .sort(([an, a], [bn, b]) => b.cmp(a) || (an < bn ? -1 : 1))
    .slice(0, 20)
    .map(([n, a]) => [n, a.toFixed(2)]);
  return {
    rows: rows + skipped,
    accepted,
    rejected: rows + skipped - accepted,
    totals: { total: total.toFixed(2), local: localSum.toFixed(2), redacted: redacted.toFixed(2) },
    detail: {
      suppliers: suppliers.size,
      top: Object.fromEntries(top),
      quarters: Object.fromEntries(
        [...quarters].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.toFixed(2)]),
      ),
      skippedRecords: skipped,
    },
  };
}

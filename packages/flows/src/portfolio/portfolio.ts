import { fromZodError, type Issue, type IssueCode, issue } from '@commonweal/core/issues';
import {
  type Portfolio,
  type PortfolioContract,
  type PortfolioJson,
  type PortfolioManifestLine,
  PortfolioManifestSchema,
  rollUpPortfolio,
  toPortfolioJson,
} from '@commonweal/core/procurement';
import { defineTable, readAll, textCell } from '@commonweal/csv';
import { hashInputs, locateJsonPaths, safeParseJson } from '@commonweal/json';
import {
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  type FrameworkText,
  readFrameworkInput,
  requireRows,
  runFlow,
  textOf,
} from '../inputs/inputs';
import { monitorFlow } from '../monitor/monitor';

/** Monitoring's refusals of the bid: in a portfolio, the manifest's bid column is at fault. */
const BID_CODES: ReadonlySet<string> = new Set(['bid_not_found', 'bid_required']);

/**
 * The inputs of {@link portfolioFlow}: the manifest (`.csv` or `.json`, told by the name), the
 * monitoring files it names (keyed by the names it uses; each file's own `name` is put on its
 * issues), the report date, and optionally the framework that values delivery in money and
 * names themes and outcomes.
 *
 * @example
 * ```ts
 * const input: PortfolioFlowInput = {
 *   manifest: { name: 'manifest.csv', text: manifestText },
 *   files: { 'home-care/commitments.csv': { name: 'portfolio/home-care/commitments.csv', text: c } },
 *   asOf: '2027-03-31',
 * };
 * ```
 */
export interface PortfolioFlowInput {
  manifest: FlowText;
  files: Readonly<Record<string, FlowText>>;
  asOf: string;
  periodicity?: 'quarter' | 'month' | undefined;
  framework?: FrameworkText | undefined;
}

/**
 * A portfolio made by {@link portfolioFlow}: the roll-up, its JSON document, every issue, the
 * contracts read = accepted + rejected, and the inputs sha256.
 *
 * @example
 * ```ts
 * const r = await portfolioFlow(input);
 * if (r.ok) r.document.total.behind; // ['HC-2026-01']
 * ```
 */
export interface PortfolioFlowResult {
  ok: true;
  portfolio: Portfolio;
  document: PortfolioJson;
  sha256: string;
  issues: Issue[];
  counts: FlowCounts;
  currency: string | null;
}

const text = textCell();
const MANIFEST_TABLE = defineTable({
  name: 'portfolio manifest',
  columns: {
    contract: {
      header: 'contract',
      aliases: ['contract id', 'contract reference'],
      required: true,
      parse: text,
    },
    supplier: { header: 'supplier', aliases: ['supplier name'], required: true, parse: text },
    area: { header: 'area', aliases: ['ward'], parse: text },
    start: { header: 'start', aliases: ['start date'], required: true, parse: text },
    end: { header: 'end', aliases: ['end date'], required: true, parse: text },
    commitments: { header: 'commitments', aliases: ['commitments file'], required: true, parse: text },
    outcomes: { header: 'outcomes', aliases: ['outcomes file', 'returns'], required: true, parse: text },
    bid: { header: 'bid', aliases: ['bid id'], parse: text },
  },
});

interface ManifestRow {
  value: PortfolioManifestLine;
  /** Where the line is: a CSV line, or a JSON path's line. */
  at: Pick<Issue, 'file' | 'line'>;
}

/** Reads the manifest; each line is checked against the manifest schema, bad lines rejected. */
async function readManifest(
  input: FlowText,
): Promise<{ rows: ManifestRow[]; issues: Issue[]; read: number }> {
  const file = input.name;
  const body = textOf(input);
  const issues: Issue[] = [];
  const rows: ManifestRow[] = [];
  if (/\.json$/i.test(file)) {
    const parsed = safeParseJson(body, { file });
    if (!parsed.ok) throw new FlowFatal(`${file} is not valid JSON`, parsed.issues);
    const top = parsed.value;
    const list =
      typeof top === 'object' && top !== null ? (top as { contracts?: unknown }).contracts : undefined;
    if (!Array.isArray(list))
      throw new FlowFatal(`${file} cannot be read as a portfolio manifest`, [
        issue('manifest_shape', 'expected { "contracts": [ … ] }: one object per contract', {
          file,
          path: [],
        }),
      ]);
    const at = locateJsonPaths(
      body,
      list.map((_, i) => ['contracts', i]),
    );
    for (const [i, raw] of list.entries()) {
      const hit = at.get(JSON.stringify(['contracts', i]));
      const where: ManifestRow['at'] = { file, ...(hit ? { line: hit.line } : {}) };
      const r = PortfolioManifestSchema.shape.contracts.element.safeParse(raw);
      if (r.success) rows.push({ value: r.data, at: where });
      else
        for (const x of fromZodError(r.error))
          issues.push({ ...x, ...where, path: ['contracts', i, ...(x.path ?? [])] });
    }
    return { rows, issues, read: list.length };
  }
  const r = await readAll(body, MANIFEST_TABLE, { file });
  requireRows(
    r,
    `${file} cannot be read as a portfolio manifest (contract,supplier,start,end,commitments,outcomes)`,
  );
  for (const x of r.issues) issues.push(x);
  // The reader does not keep lines on plain rows: count them from the accepted rows' order.
  const lines = await manifestLines(body);
  let n = 0;
  for (const row of r.rows) {
    const line = lines[n++];
    const v = PortfolioManifestSchema.shape.contracts.element.safeParse(
      Object.fromEntries(Object.entries(row).filter(([, x]) => x !== undefined && x !== '')),
    );
    const where = { file, ...(line !== undefined ? { line } : {}) };
    if (v.success) rows.push({ value: v.data, at: where });
    else
      for (const x of fromZodError(v.error)) {
        const key = typeof x.path?.[0] === 'string' ? x.path[0] : undefined;
        const col = key ? r.columns.find((c) => c.key === key) : undefined;
        issues.push({ ...x, ...where, ...(col ? { column: col.column, field: col.header } : {}) });
      }
  }
  return { rows, issues, read: r.counts.read };
}

/** The line of each accepted manifest row (a table with a `row` check that keeps the line). */
async function manifestLines(body: string): Promise<number[]> {
  const withLine = defineTable({
    name: MANIFEST_TABLE.name,
    columns: MANIFEST_TABLE.columns,
    row: (_v, ctx) => ({ ok: true as const, value: ctx.line }),
  });
  return (await readAll(body, withLine)).rows;
}

/**
 * Monitors one contract as `commonweal monitor` does; any issue that stops it is put on its
 * manifest line and the contract is rejected (returns null).
 */
async function monitorContract(
  line: ManifestRow,
  files: Map<string, FlowText>,
  asOf: string,
  periodicity: 'quarter' | 'month',
  framework: FrameworkText | undefined,
  issues: Issue[],
): Promise<PortfolioContract | null> {
  const m = line.value;
  const here = (code: IssueCode, message: string, field?: string): Issue =>
    issue(code, `contract ${m.contract}: ${message}`, { ...line.at, ...(field ? { field } : {}) });
  const cFile = files.get(m.commitments);
  const oFile = files.get(m.outcomes);
  let missing = false;
  for (const [f, name, field] of [
    [cFile, m.commitments, 'commitments'],
    [oFile, m.outcomes, 'outcomes'],
  ] as const)
    if (!f) {
      issues.push(here('missing_file', `no file ${name}: give its path relative to the manifest`, field));
      missing = true;
    }
  if (missing || !cFile || !oFile) return null;
  if (m.end < m.start) {
    issues.push(here('contract_period', `the end ${m.end} is before the start ${m.start}`, 'end'));
    return null;
  }
  const r = await monitorFlow({
    commitments: cFile,
    outcomes: oFile,
    contract: { start: m.start, end: m.end },
    asOf,
    periodicity,
    bid: m.bid,
    ...(framework ? { framework } : {}),
  });
  if (!r.ok) {
    // What stops the contract is told on its manifest line, unless a file's own line says it.
    for (const x of r.issues) {
      const onManifest = !x.file || BID_CODES.has(x.code);
      issues.push({
        ...x,
        message: `contract ${m.contract}: ${x.message}`,
        ...(onManifest ? { ...line.at, ...(BID_CODES.has(x.code) ? { field: 'bid' } : {}) } : {}),
      });
    }
    if (!r.issues.length) issues.push(here('missing_file', r.headline));
    return null;
  }
  for (const x of r.issues) issues.push(x);
  return {
    contract: m.contract,
    supplier: m.supplier,
    area: m.area ?? null,
    report: r.report,
    framework: framework?.framework,
  };
}

/**
 * Rolls up a council's contracts as `commonweal portfolio` does: reads the manifest, monitors
 * each contract's commitments against its supplier's returns with core's `monitorDelivery` at
 * one report date, and rolls the reports up by theme, outcome, supplier, area, measure and
 * period (committed, due by now and delivered; RAG counts; contracts behind; per period, the
 * profiles laid onto the reporting periods: due, delivered, cumulative shortfall, pace and RAG). A contract whose
 * files cannot be used is rejected with an issue on its manifest line, never dropped silently.
 * No file system: the caller passes the files the manifest names.
 *
 * @example
 * ```ts
 * const r = await portfolioFlow({ manifest, files, asOf: '2027-03-31', framework: { name: 'measures.csv', text } });
 * if (r.ok) r.portfolio.total.deliveredValue.toString();
 * else r.headline; // 'manifest.csv cannot be read as a portfolio manifest (…)'
 * ```
 */
export function portfolioFlow(input: PortfolioFlowInput): Promise<PortfolioFlowResult | FlowFailure> {
  return runFlow(() => portfolioOrThrow(input));
}

async function portfolioOrThrow(input: PortfolioFlowInput): Promise<PortfolioFlowResult> {
  const periodicity = input.periodicity ?? 'quarter';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf))
    throw new FlowFatal(`the report date ${input.asOf} cannot be used`, [
      issue('invalid_date', `the report date must be written YYYY-MM-DD (got '${input.asOf}')`, {
        field: 'asOf',
      }),
    ]);
  const framework = input.framework ? await readFrameworkInput(input.framework) : undefined;
  // Read once; each contract's monitoring is given the framework made.
  const fwText: FrameworkText | undefined =
    framework && input.framework
      ? { name: input.framework.name, text: framework.text, framework: framework.value }
      : undefined;
  const manifest = await readManifest(input.manifest);
  const files = new Map(Object.entries(input.files));
  const issues: Issue[] = [...(framework?.issues ?? []), ...manifest.issues];
  const seen = new Set<string>();
  const contracts: PortfolioContract[] = [];
  for (const row of manifest.rows) {
    if (seen.has(row.value.contract)) {
      issues.push(
        issue(
          'duplicate_contract',
          `contract ${row.value.contract} appears twice: give each contract one line`,
          {
            ...row.at,
            field: 'contract',
          },
        ),
      );
      continue;
    }
    seen.add(row.value.contract);
    const c = await monitorContract(row, files, input.asOf, periodicity, fwText, issues);
    if (c) contracts.push(c);
  }
  const rolled = rollUpPortfolio(contracts);
  if (!rolled.ok) throw new FlowFatal('the portfolio cannot be rolled up', rolled.issues);
  const used = new Set(manifest.rows.flatMap((r) => [r.value.commitments, r.value.outcomes]));
  const sha256 = hashInputs({
    manifest: textOf(input.manifest),
    files: Object.fromEntries(
      [...files.entries()]
        .filter(([k]) => used.has(k))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, f]) => [k, textOf(f)]),
    ),
    framework: framework?.text ?? null,
    options: { asOf: input.asOf, periodicity },
  });
  const counts: FlowCounts = {
    read: manifest.read,
    accepted: contracts.length,
    rejected: manifest.read - contracts.length,
  };
  const currency = framework?.value.currency ?? null;
  const document = toPortfolioJson(rolled.value, { sha256, periodicity, currency, counts, issues });
  return { ok: true, portfolio: rolled.value, document, sha256, issues, counts, currency };
}

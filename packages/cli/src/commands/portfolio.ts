import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fromZodError, type Issue } from '@commonweal/core/issues';
import { formatMoney, RATIO_ROUNDING, round } from '@commonweal/core/money';
import { PortfolioManifestLineSchema } from '@commonweal/core/procurement';
import { documentText, type FlowText, type PortfolioFlowResult, portfolioFlow } from '@commonweal/flows';
import { canonicalStringify, locateJsonPaths, safeParseJson } from '@commonweal/json';
import { renderPortfolioHtml, renderPortfolioMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { BUILTIN_FRAMEWORKS, FatalIssues } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownTable, textTable } from '../util/table';

function option(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

const LINE_FIELDS = PortfolioManifestLineSchema.omit({ commitments: true, outcomes: true });

/**
 * A folder of contracts as a manifest: each sub-folder holds `contract.json` (contract,
 * supplier, area, start, end, bid), `commitments.csv` and `outcomes.csv`.
 */
function folderManifest(io: CliIO, dir: string): { manifest: FlowText; files: Record<string, FlowText> } {
  const root = resolve(io.cwd, dir);
  let subs: string[];
  try {
    subs = readdirSync(root)
      .filter((n) => statSync(join(root, n)).isDirectory())
      .sort();
  } catch {
    throw new UsageError(`--dir ${dir}: not a folder that can be read`);
  }
  const contracts: Record<string, unknown>[] = [];
  const files: Record<string, FlowText> = {};
  const issues: Issue[] = [];
  for (const sub of subs) {
    const cfile = join(dir, sub, 'contract.json');
    let text: string;
    try {
      statSync(resolve(io.cwd, cfile));
    } catch {
      continue; // a folder without contract.json is not a contract (README, shared files)
    }
    text = readText(io, cfile);
    const parsed = safeParseJson(text, { file: cfile });
    if (!parsed.ok) {
      for (const i of parsed.issues) issues.push(i);
      continue;
    }
    const r = LINE_FIELDS.safeParse(parsed.value);
    if (!r.success) {
      const found = fromZodError(r.error, { file: cfile });
      const at = locateJsonPaths(
        text,
        found.map((i) => i.path ?? []),
      );
      for (const i of found) {
        const hit = at.get(JSON.stringify(i.path ?? []));
        issues.push(hit ? { ...i, line: hit.line, column: hit.column } : i);
      }
      continue;
    }
    const commitments = `${sub}/commitments.csv`;
    const outcomes = `${sub}/outcomes.csv`;
    for (const name of [commitments, outcomes]) {
      const path = join(dir, name);
      try {
        statSync(resolve(io.cwd, path));
        files[name] = { name: path, text: readText(io, path) };
      } catch {
        // the flow reports the missing file on the contract's line
      }
    }
    contracts.push({ ...r.data, commitments, outcomes });
  }
  if (issues.length) throw new FatalIssues(`the contract files in ${dir} cannot be used`, issues);
  if (!contracts.length)
    throw new UsageError(
      `--dir ${dir}: no sub-folder holds a contract.json (contract, supplier, start, end)`,
    );
  return {
    manifest: {
      name: `${dir}/contracts.json`,
      text: canonicalStringify({ contracts }, { indent: 2, finalNewline: true }),
    },
    files,
  };
}

/** The manifest and the files it names, read relative to the manifest's folder. */
function manifestInputs(io: CliIO, file: string): { manifest: FlowText; files: Record<string, FlowText> } {
  const ext = extension(file, io);
  if (ext !== 'csv' && ext !== 'json')
    throw new UsageError(`${file}: expected the manifest as a .csv or .json file`);
  const text = readText(io, file);
  const base = file === '-' ? '.' : dirname(file);
  // Every cell that names a .csv file: the flow checks which lines use them.
  const names = new Set<string>();
  for (const m of text.matchAll(/[^",\n\r{}[\]:]*\.csv/gi)) {
    const n = m[0].trim();
    if (n) names.add(n);
  }
  const files: Record<string, FlowText> = {};
  for (const n of [...names].sort()) {
    const path = join(base, n);
    try {
      if (!statSync(resolve(io.cwd, path)).isFile()) continue;
    } catch {
      continue; // reported by the flow on the manifest line
    }
    files[n] = { name: path, text: readText(io, path) };
  }
  return { manifest: { name: file, text }, files };
}

/**
 * Rolls up a portfolio as `commonweal portfolio` does: reads the manifest (or the folder of
 * contracts), the files it names and the framework, then runs the portfolio flow.
 *
 * @example
 * ```ts
 * const r = await computePortfolio(io, { manifest: 'examples/portfolio/manifest.csv', 'as-of': '2027-03-31' });
 * r.document.total.behind; // ['HC-2026-01', …]
 * ```
 */
export async function computePortfolio(
  io: CliIO,
  values: Record<string, unknown>,
): Promise<PortfolioFlowResult> {
  const manifestFile = option(values, 'manifest');
  const dir = option(values, 'dir');
  if (!manifestFile === !dir)
    throw new UsageError('give the contracts as --manifest FILE or --dir DIR (one of them)');
  const asOf = option(values, 'as-of');
  if (!asOf) throw new UsageError('--as-of is required (the report date, YYYY-MM-DD)');
  const periodicity = (option(values, 'period') ?? 'quarter') as 'quarter' | 'month';
  if (periodicity !== 'quarter' && periodicity !== 'month')
    throw new UsageError(`--period must be quarter or month (got '${String(values.period)}')`);
  const spec = option(values, 'framework');
  let framework: (FlowText & { framework?: (typeof BUILTIN_FRAMEWORKS)[string] }) | undefined;
  if (spec?.startsWith('builtin:')) {
    const fw = BUILTIN_FRAMEWORKS[spec.slice('builtin:'.length)];
    if (!fw)
      throw new UsageError(
        `no built-in framework '${spec}'; choose ${Object.keys(BUILTIN_FRAMEWORKS).join(', ')}`,
      );
    framework = { name: spec, text: spec, framework: fw };
  } else if (spec) {
    if (!['json', 'csv'].includes(extension(spec, io)))
      throw new UsageError(`${spec}: expected a .json or .csv file`);
    framework = { name: spec, text: readText(io, spec) };
  }
  const { manifest, files } = dir ? folderManifest(io, dir) : manifestInputs(io, manifestFile as string);
  const r = await portfolioFlow({ manifest, files, asOf, periodicity, framework });
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  return r;
}

const RAG_WORD: Record<string, string> = {
  green: 'GREEN',
  amber: 'AMBER',
  red: 'RED',
  'not-due': 'not due',
  uncommitted: 'uncommitted',
};

/**
 * Renders a portfolio as plain text or Markdown: contracts, then groups by theme, outcome,
 * supplier and area (committed, due by now, delivered, pace, RAG counts, contracts behind), then by period (due, delivered, cumulative shortfall, pace and RAG).
 *
 * @example
 * ```ts
 * io.stdout(portfolioTable(result));
 * ```
 */
export function portfolioTable(r: PortfolioFlowResult, markdown = false): string {
  const d = r.document;
  const cur = d.currency ?? 'GBP';
  const money = (v: string) => formatMoney(v, cur);
  const table = (title: string, head: string[], rows: string[][], align: ('left' | 'right')[]) =>
    markdown ? `## ${title}\n\n${markdownTable(head, rows, align)}` : textTable(head, rows, { align, title });
  const contracts = table(
    'Contracts',
    ['contract', 'supplier', 'area', 'status', 'committed', 'due by now', 'delivered', 'G/A/R'],
    d.contracts.map((c) => [
      c.contract,
      c.supplier,
      c.area ?? '–',
      RAG_WORD[c.status] ?? c.status,
      money(c.committedValue),
      money(c.expectedValue),
      money(c.deliveredValue),
      `${c.rag.green}/${c.rag.amber}/${c.rag.red}`,
    ]),
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
  );
  const groups = (['theme', 'outcome', 'supplier', 'area'] as const).map((dim) =>
    table(
      `By ${dim}`,
      [dim, 'contracts', 'committed', 'due by now', 'delivered', 'pace', 'G/A/R', 'behind'],
      d.by[dim].map((g) => [
        g.title,
        String(g.contracts.length),
        money(g.committedValue),
        money(g.expectedValue),
        money(g.deliveredValue),
        g.pace === null ? '–' : round(g.pace, RATIO_ROUNDING),
        `${g.rag.green}/${g.rag.amber}/${g.rag.red}`,
        g.behind.join(', ') || 'none',
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  );
  const short = (v: string) => {
    if (/^-/.test(v)) return `ahead ${money(v.slice(1))}`;
    return /^0(\.0*)?$/.test(v) ? 'on profile' : money(v);
  };
  const periods = table(
    'By period',
    ['period', 'due', 'delivered', 'Σ due', 'Σ delivered', 'shortfall (Σ)', 'pace', 'RAG'],
    d.periods.map((p) => [
      p.period,
      money(p.dueValue),
      p.forward && /^0(\.0*)?$/.test(p.deliveredValue) ? '–' : money(p.deliveredValue),
      money(p.cumulative.dueValue),
      p.forward ? '–' : money(p.cumulative.deliveredValue),
      p.forward ? '–' : short(p.cumulative.shortfallValue),
      p.cumulative.pace === null ? '–' : round(p.cumulative.pace, RATIO_ROUNDING),
      p.forward
        ? 'forward'
        : `${RAG_WORD[p.cumulative.status ?? ''] ?? '–'}${p.cumulative.basis === 'measures' ? ' (worst measure)' : ''}`,
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const t = d.total;
  const head = `${d.contracts.length} contracts as of ${d.reportDate ?? '–'}: ${money(t.deliveredValue)} delivered of ${money(t.expectedValue)} due by now (${money(t.committedValue)} committed), pace ${t.pace === null ? '–' : round(t.pace, RATIO_ROUNDING)}; ${t.behind.length} contracts behind (${t.behind.join(', ') || 'none'}).`;
  const notes = [
    `Money is gross (counted units × proxy${d.priceYear ? `, ${d.priceYear} prices` : ''}); ${t.unvalued} of ${t.measures} contract measures have no proxy and count in RAG only.`,
    `By period: each commitment's profile windows laid onto the ${d.periodicity === 'month' ? 'months' : 'quarters'} (pro rata by calendar days, both ends inclusive, or at each window's end); Σ is cumulative to the period end; RAG is on money when every committed measure has a proxy, else the worst contract measure's (worst measure); forward periods end after the report date and show what is due only.`,
    `Contracts: ${d.counts.read} read, ${d.counts.accepted} monitored, ${d.counts.rejected} rejected. Inputs sha256 ${d.sha256}.`,
  ];
  if (markdown)
    return [
      '# Social value portfolio',
      '',
      head,
      '',
      contracts,
      ...groups,
      periods,
      notes.map((n) => `- ${n}`).join('\n'),
      '',
    ].join('\n');
  return [`Social value portfolio\n${head}\n`, contracts, ...groups, periods, `${notes.join('\n')}\n`].join(
    '\n',
  );
}

/**
 * `commonweal portfolio`: the council-wide view of social value delivery — many contracts'
 * commitments and supplier returns rolled up by theme, outcome, supplier, ward/area and period.
 *
 * @example
 * ```sh
 * commonweal portfolio --manifest examples/portfolio/manifest.csv --as-of 2027-03-31 --framework examples/valuation/measures.csv
 * ```
 */
export const portfolioCommand: Command = {
  name: 'portfolio',
  summary: 'Roll up many contracts’ social value delivery by theme, outcome, supplier, area and period',
  usage:
    'commonweal portfolio (--manifest m.csv|m.json | --dir DIR) --as-of YYYY-MM-DD [--framework f] [--period quarter|month] [--format table|json|md] [--report r.html|r.md]',
  options: {
    manifest: {
      type: 'string',
      value: 'FILE',
      description:
        'Contracts (.csv or .json): contract,supplier,area,start,end,commitments,outcomes[,bid]; files relative to it',
    },
    dir: {
      type: 'string',
      short: 'd',
      value: 'DIR',
      description: 'A folder with one sub-folder per contract: contract.json, commitments.csv, outcomes.csv',
    },
    'as-of': { type: 'string', value: 'DATE', description: 'Report date of every contract (YYYY-MM-DD)' },
    framework: {
      type: 'string',
      short: 'f',
      value: 'FILE',
      description: 'Measures framework (.json, .csv or builtin:NAME): themes, outcomes and proxies',
    },
    period: {
      type: 'string',
      value: 'PERIOD',
      choices: ['quarter', 'month'],
      description: 'Reporting periods: quarter (default) or month',
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal portfolio --manifest examples/portfolio/manifest.csv --as-of 2027-03-31 --framework examples/valuation/measures.csv --report portfolio.html',
    'commonweal portfolio --dir contracts/ --as-of 2027-03-31 --framework measures.csv --format json --out portfolio.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    const r = await computePortfolio(io, values);
    return finish(io, values, {
      issues: r.issues,
      output: () => (format === 'json' ? documentText(r.document) : portfolioTable(r, format === 'md')),
      report: { html: () => renderPortfolioHtml(r.document), md: () => renderPortfolioMarkdown(r.document) },
    });
  },
};

import type { Framework } from '@commonweal/core/framework';
import type { Issue } from '@commonweal/core/issues';
import { type Decimal, parseDecimal } from '@commonweal/core/money';
import type { Entry } from '@commonweal/core/valuation';
import { readEntriesCsv, readMeasuresCsv } from '@commonweal/csv';
import { parseEntries, parseFramework } from '@commonweal/json';
import { openCatalogue, socialValueModel2020, socialValueModel2025 } from '@commonweal/uk';
import type { headersFor } from './csv-options';
import { type CliIO, extension, InputError, readText, UsageError } from './io';

/** Frameworks that ship with the SDK, by the name `--framework builtin:<name>` takes. */
export const BUILTIN_FRAMEWORKS: Record<string, Framework> = {
  'open-catalogue': openCatalogue,
  'social-value-model-2020': socialValueModel2020,
  'social-value-model-2025': socialValueModel2025,
};

/** A loaded input: its value, the issues met, and the text (for the inputs hash). */
export interface Loaded<T> {
  value: T;
  issues: Issue[];
  text: string;
  counts?: { read: number; accepted: number; rejected: number };
}

function kind(io: CliIO, file: string, allowed: string[]): string {
  const ext = extension(file, io);
  if (!allowed.includes(ext)) {
    throw new UsageError(`${file}: expected a ${allowed.map((a) => `.${a}`).join(' or ')} file`);
  }
  return ext;
}

/** Loads a framework from `.json`, `.csv` (a measures table, its columns named by `columns`) or `builtin:<name>`. */
export async function loadFramework(
  io: CliIO,
  spec: unknown,
  columns?: ReturnType<typeof headersFor>,
): Promise<Loaded<Framework>> {
  if (typeof spec !== 'string' || spec === '') throw new UsageError('--framework is required');
  if (spec.startsWith('builtin:')) {
    const name = spec.slice('builtin:'.length);
    const fw = BUILTIN_FRAMEWORKS[name];
    if (!fw)
      throw new UsageError(
        `no built-in framework '${name}'; choose ${Object.keys(BUILTIN_FRAMEWORKS).join(', ')}`,
      );
    return { value: fw, issues: [], text: spec };
  }
  const ext = kind(io, spec, ['json', 'csv']);
  const text = readText(io, spec);
  const r =
    ext === 'json'
      ? parseFramework(text, { file: spec })
      : await readMeasuresCsv(text, { file: spec, ...columns });
  if (!r.ok) throw new FatalIssues(`the framework ${spec} cannot be used`, r.issues);
  return { value: r.value, issues: r.issues, text };
}

/** Loads entries (commitments or delivered outcomes) from `.csv` (its columns named by `columns`) or `.json`. */
export async function loadEntries(
  io: CliIO,
  file: unknown,
  framework: Framework,
  columns?: ReturnType<typeof headersFor>,
): Promise<Loaded<Entry[]>> {
  if (typeof file !== 'string' || file === '') throw new UsageError('--entries is required');
  const ext = kind(io, file, ['json', 'csv']);
  const text = readText(io, file);
  if (ext === 'csv') {
    const r = await readEntriesCsv(text, { file, framework, ...columns });
    if (r.counts.read === 0 && r.issues.some((i) => i.line === undefined || i.line === 1)) {
      throw new FatalIssues(`${file} cannot be read as an entries table`, r.issues);
    }
    return { value: r.entries, issues: r.issues, text, counts: r.counts };
  }
  const r = parseEntries(text, { file });
  if (!r.ok) throw new FatalIssues(`${file} cannot be read as entries`, r.issues);
  return {
    value: r.value,
    issues: r.issues,
    text,
    counts: { read: r.value.length, accepted: r.value.length, rejected: 0 },
  };
}

/** Reads a money option such as `--contract-value 2,400,000` or `£2.4e6`. */
export function moneyOption(value: unknown, name: string): Decimal | undefined {
  if (value === undefined) return undefined;
  const p = parseDecimal(String(value), { percent: false });
  if (!p.ok) throw new UsageError(`--${name}: ${p.reason}`);
  return p.value;
}

/** A whole input cannot be used: its issues are printed, exit code 2. */
export class FatalIssues extends InputError {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[]) {
    super(message);
    this.issues = issues;
  }
}

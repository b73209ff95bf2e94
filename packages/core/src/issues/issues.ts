import type { IssueCode } from './codes';
/**
 * A problem found in outside data: a row, a field, a file or a whole input.
 *
 * Issues are answers, not exceptions: public functions that read outside data return them in a
 * {@link Result}. `line` and `column` are 1-based and refer to the physical file when the data
 * came from one.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   code: 'invalid_number',
 *   message: 'quantity "ten" is not a number: write it as digits, e.g. 10',
 *   line: 7,
 *   column: 2,
 *   field: 'quantity',
 * };
 * ```
 */
export interface Issue {
  /** Stable machine-readable code, e.g. `invalid_number`, `unknown_measure`. */
  code: IssueCode;
  /** What is wrong and what to do, in words a spreadsheet user understands. */
  message: string;
  /** Where in a structured input (JSON path segments). */
  path?: (string | number)[];
  /** 1-based physical line in the source file. */
  line?: number;
  /** 1-based column (field position) in the source row. */
  column?: number;
  /** Field (column header or property) the issue is about. */
  field?: string;
  /** File the issue was found in, when known. */
  file?: string;
  /** `error` (default) rejects the row or input; `warning` keeps it. */
  severity?: 'error' | 'warning';
}

/**
 * The outcome of reading or computing from outside data: a value (possibly with warnings) or a
 * list of issues. Modelled on zod's `safeParse`.
 *
 * @example
 * ```ts
 * const r: Result<number> = ok(42);
 * if (r.ok) console.log(r.value); // 42
 * ```
 */
export type Result<T> = { ok: true; value: T; issues: Issue[] } | { ok: false; issues: Issue[] };

/**
 * A successful {@link Result}, optionally with warnings.
 *
 * @example
 * ```ts
 * ok('done').ok; // true
 * ```
 */
export function ok<T>(value: T, issues: Issue[] = []): Result<T> {
  return { ok: true, value, issues };
}

/**
 * A failed {@link Result}.
 *
 * @example
 * ```ts
 * const r = fail([{ code: 'empty', message: 'the file has no rows' }]);
 * r.ok; // false
 * ```
 */
export function fail<T = never>(issues: Issue[]): Result<T> {
  return { ok: false, issues };
}

/**
 * An issue with the given code and message (and any location fields).
 *
 * @example
 * ```ts
 * issue('unknown_measure', 'measure "NT99" is not in the framework', { line: 4, field: 'measure' });
 * ```
 */
export function issue(code: IssueCode, message: string, where: Omit<Issue, 'code' | 'message'> = {}): Issue {
  return { code, message, ...where };
}

/**
 * True when any issue is an error (issues without a severity are errors).
 *
 * @example
 * ```ts
 * hasErrors([{ code: 'x', message: 'y', severity: 'warning' }]); // false
 * ```
 */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity !== 'warning');
}

/**
 * Formats an issue as one line: `file:line:column field: message [code]`.
 *
 * @example
 * ```ts
 * formatIssue({ code: 'invalid_number', message: 'not a number', file: 'e.csv', line: 3, column: 2, field: 'quantity' });
 * // 'e.csv:3:2 quantity: not a number [invalid_number]'
 * ```
 */
export function formatIssue(i: Issue): string {
  const loc = [i.file, i.line, i.line !== undefined ? i.column : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const where = [loc, i.field ?? (i.path?.length ? i.path.join('.') : undefined)].filter(Boolean).join(' ');
  const sev = i.severity === 'warning' ? 'warning: ' : '';
  return `${where ? `${where}: ` : ''}${sev}${i.message} [${i.code}]`;
}

/**
 * Thrown only for programmer errors (wrong types or impossible arguments from TypeScript
 * callers). Bad outside data is answered with {@link Issue}s instead.
 *
 * @example
 * ```ts
 * try { dec('abc'); } catch (e) { e instanceof CommonwealError; } // true
 * ```
 */
export class CommonwealError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CommonwealError';
    this.code = code;
  }
}

import type { Framework } from '@commonweal/core/framework';
import type { Issue } from '@commonweal/core/issues';
import { type Decimal, parseDecimal } from '@commonweal/core/money';
import type { FrameworkText } from '@commonweal/flows';
import { openCatalogue, socialValueModel2020, socialValueModel2025 } from '@commonweal/uk';
import { type CliIO, extension, InputError, readText, UsageError } from './io';

/** Frameworks that ship with the SDK, by the name `--framework builtin:<name>` takes. */
export const BUILTIN_FRAMEWORKS: Record<string, Framework> = {
  'open-catalogue': openCatalogue,
  'social-value-model-2020': socialValueModel2020,
  'social-value-model-2025': socialValueModel2025,
};

/**
 * A `--framework` value as a flow input: a `.json` or `.csv` file's text, or `builtin:<name>` (its
 * framework, with the spec as the text the inputs hash takes).
 *
 * @example
 * ```ts
 * frameworkText(io, 'builtin:open-catalogue'); // { name, text: 'builtin:open-catalogue', framework }
 * ```
 */
export function frameworkText(io: CliIO, spec: string): FrameworkText & { text: string } {
  if (spec.startsWith('builtin:')) {
    const name = spec.slice('builtin:'.length);
    const fw = BUILTIN_FRAMEWORKS[name];
    if (!fw)
      throw new UsageError(
        `no built-in framework '${name}'; choose ${Object.keys(BUILTIN_FRAMEWORKS).join(', ')}`,
      );
    return { name: spec, text: spec, framework: fw };
  }
  if (!['json', 'csv'].includes(extension(spec, io)))
    throw new UsageError(`${spec}: expected a .json or .csv file`);
  return { name: spec, text: readText(io, spec) };
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

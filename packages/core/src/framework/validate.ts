import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Framework, FrameworkSchema, type Measure } from './schema';

/**
 * The codes {@link checkFramework} and {@link validateFramework} give for a framework that parses
 * but does not hang together (schema problems keep zod's `schema_*` codes).
 *
 * @example
 * ```ts
 * const code: FrameworkIssueCode = 'unknown_theme';
 * ```
 */
export type FrameworkIssueCode =
  | 'duplicate_theme'
  | 'duplicate_outcome'
  | 'duplicate_measure'
  | 'unknown_theme'
  | 'unknown_outcome'
  | 'outcome_theme_mismatch'
  | 'proxy_currency_mismatch'
  | 'negative_proxy'
  | 'proxy_range'
  | 'unknown_exclusive'
  | 'exclusive_self';

/** IssueLocation an issue sits (everything of an {@link Issue} except code and message). */
/**
 * IssueLocation an issue was found (location fields of an {@link Issue}), added to every issue raised.
 *
 * @example
 * ```ts
 * const where: IssueLocation = { file: 'framework.json' };
 * ```
 */
export type IssueLocation = Omit<Issue, 'code' | 'message'>;

function at(where: IssueLocation, path: (string | number)[], field?: string): IssueLocation {
  const out: IssueLocation = { ...where, path: [...(where.path ?? []), ...path] };
  if (field !== undefined) out.field = field;
  return out;
}

function duplicates(
  items: readonly { id?: string; code?: string }[],
  key: 'id' | 'code',
  kind: string,
  code: FrameworkIssueCode,
  collection: string,
  where: IssueLocation,
): Issue[] {
  const seen = new Map<string, number>();
  const out: Issue[] = [];
  items.forEach((item, i) => {
    const k = item[key] as string;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else {
      out.push(
        issue(
          code,
          `${kind} "${k}" appears twice (${collection}[${first}] and ${collection}[${i}]): give each ${kind} its own ${key}`,
          at(where, [collection, i, key], key),
        ),
      );
    }
  });
  return out;
}

function checkProxy(m: Measure, i: number, currency: string, where: IssueLocation): Issue[] {
  const p = m.proxy;
  if (!p) return [];
  const out: Issue[] = [];
  const base = ['measures', i, 'proxy'];
  if (p.currency !== currency) {
    out.push(
      issue(
        'proxy_currency_mismatch',
        `measure "${m.code}" has a proxy in ${p.currency} but the framework is in ${currency}: convert the proxy or load it into a ${p.currency} framework`,
        at(where, [...base, 'currency'], 'currency'),
      ),
    );
  }
  if (!m.allowNegative) {
    for (const [name, v] of [
      ['value', p.value],
      ['low', p.low],
      ['high', p.high],
    ] as const) {
      if (v?.isNegative() && !v.isZero()) {
        out.push(
          issue(
            'negative_proxy',
            `measure "${m.code}" has a negative proxy ${name} (${v.toString()}): set "allowNegative": true on the measure if a negative value is intended (a cost or a harm)`,
            at(where, [...base, name], name),
          ),
        );
      }
    }
  }
  if (p.low?.gt(p.value)) {
    out.push(
      issue(
        'proxy_range',
        `measure "${m.code}": proxy low ${p.low.toString()} is above the central value ${p.value.toString()}: low ≤ value ≤ high`,
        at(where, [...base, 'low'], 'low'),
      ),
    );
  }
  if (p.high?.lt(p.value)) {
    out.push(
      issue(
        'proxy_range',
        `measure "${m.code}": proxy high ${p.high.toString()} is below the central value ${p.value.toString()}: low ≤ value ≤ high`,
        at(where, [...base, 'high'], 'high'),
      ),
    );
  }
  return out;
}

/**
 * The semantic checks of a parsed framework: unique theme ids, outcome ids and measure codes;
 * every outcome's theme and every measure's theme and outcome resolve (and a measure sits in its
 * outcome's theme); proxies are in the framework's currency; a negative proxy only where the
 * measure allows negatives; `low ≤ value ≤ high`; `exclusiveWith` names other measures of the
 * framework. Record-only measures (no proxy) are valid.
 *
 * @example
 * ```ts
 * const fw = FrameworkSchema.parse({ id: 'demo', title: 'Demo', currency: 'GBP', themes: [],
 *   measures: [{ code: 'M1', title: 'Hours', theme: 'jobs', unit: 'hours' }] });
 * checkFramework(fw)[0]?.code; // 'unknown_theme'
 * ```
 */
export function checkFramework(framework: Framework, where: IssueLocation = {}): Issue[] {
  const issues: Issue[] = [
    ...duplicates(framework.themes, 'id', 'theme', 'duplicate_theme', 'themes', where),
    ...duplicates(framework.outcomes, 'id', 'outcome', 'duplicate_outcome', 'outcomes', where),
    ...duplicates(framework.measures, 'code', 'measure', 'duplicate_measure', 'measures', where),
  ];
  const themes = new Set(framework.themes.map((t) => t.id));
  const outcomes = new Map(framework.outcomes.map((o) => [o.id, o] as const).reverse());
  const codes = new Set(framework.measures.map((m) => m.code));
  framework.outcomes.forEach((o, i) => {
    if (!themes.has(o.theme)) {
      issues.push(
        issue(
          'unknown_theme',
          `outcome "${o.id}" names theme "${o.theme}", which is not in the framework's themes: add the theme or correct the id`,
          at(where, ['outcomes', i, 'theme'], 'theme'),
        ),
      );
    }
  });
  framework.measures.forEach((m, i) => {
    if (!themes.has(m.theme)) {
      issues.push(
        issue(
          'unknown_theme',
          `measure "${m.code}" names theme "${m.theme}", which is not in the framework's themes: add the theme or correct the id`,
          at(where, ['measures', i, 'theme'], 'theme'),
        ),
      );
    }
    if (m.outcome !== undefined) {
      const o = outcomes.get(m.outcome);
      if (!o) {
        issues.push(
          issue(
            'unknown_outcome',
            `measure "${m.code}" names outcome "${m.outcome}", which is not in the framework's outcomes: add the outcome or correct the id`,
            at(where, ['measures', i, 'outcome'], 'outcome'),
          ),
        );
      } else if (o.theme !== m.theme) {
        issues.push(
          issue(
            'outcome_theme_mismatch',
            `measure "${m.code}" is in theme "${m.theme}" but its outcome "${o.id}" is in theme "${o.theme}": put the measure in its outcome's theme`,
            at(where, ['measures', i, 'theme'], 'theme'),
          ),
        );
      }
    }
    for (const x of checkProxy(m, i, framework.currency, where)) issues.push(x);
    (m.exclusiveWith ?? []).forEach((other, j) => {
      if (other === m.code) {
        issues.push(
          issue(
            'exclusive_self',
            `measure "${m.code}" lists itself in exclusiveWith: list only the other measures it must not be double counted with`,
            at(where, ['measures', i, 'exclusiveWith', j], 'exclusiveWith'),
          ),
        );
      } else if (!codes.has(other)) {
        issues.push(
          issue(
            'unknown_exclusive',
            `measure "${m.code}" is exclusive with "${other}", which is not a measure of the framework: correct the code or remove it`,
            at(where, ['measures', i, 'exclusiveWith', j], 'exclusiveWith'),
          ),
        );
      }
    });
  });
  return issues;
}

/**
 * Reads a framework from outside data (parsed JSON): the zod schema first (issues keep their
 * paths), then {@link checkFramework}. Any issue makes the result fail, so a framework that
 * passes can be valued without surprises.
 *
 * @example
 * ```ts
 * const r = validateFramework(JSON.parse(text), { file: 'framework.json' });
 * if (!r.ok) for (const i of r.issues) console.error(formatIssue(i));
 * ```
 */
export function validateFramework(input: unknown, where: IssueLocation = {}): Result<Framework> {
  const parsed = FrameworkSchema.safeParse(input);
  if (!parsed.success) return fail(fromZodError(parsed.error, where));
  const issues = checkFramework(parsed.data, where);
  return issues.length ? fail(issues) : ok(parsed.data);
}

/**
 * The measures of a framework by code (the first one wins if a code repeats; validation reports
 * repeats).
 *
 * @example
 * ```ts
 * const byCode = measureIndex(framework);
 * byCode.get('NT1')?.unit; // 'FTE'
 * ```
 */
export function measureIndex(framework: Framework): Map<string, Measure> {
  const index = new Map<string, Measure>();
  for (const m of framework.measures) if (!index.has(m.code)) index.set(m.code, m);
  return index;
}

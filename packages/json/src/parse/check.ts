import type { Issue, IssueCode } from '@commonweal/core/issues';
import { FORBIDDEN_KEYS, JSON_LIMITS, type SafeParseJsonOptions } from './safe-parse';

/**
 * True for a plain data object: its prototype is `null` or an `Object.prototype` (of any realm).
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject(new Date()); // false
 * isPlainObject([]); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function kindOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name ? `a ${name}` : 'an object that is not plain data';
}

/** A path as a linked list, so deep values do not copy their path at every level. */
type PathNode = { up: PathNode | null; key: string | number } | null;
type Step = { value: unknown; at: PathNode; depth: number } | { exit: object };

function toPath(node: PathNode): (string | number)[] {
  const out: (string | number)[] = [];
  for (let n = node; n; n = n.up) out.push(n.key);
  return out.reverse();
}

/**
 * Checks a value that did not come from {@link safeParseJson} (e.g. from `JSON.parse` or built
 * in code) for what safe JSON never holds: forbidden own property names (`forbidden_key`, at any
 * depth), `NaN`/`Infinity` (`non_finite_number`), cycles (`cycle`), nesting deeper than
 * `maxDepth` (`too_deep`) and values that are not JSON data (`not_json`: functions, symbols,
 * bigints, `undefined` array items, class instances such as `Date` or `Map`). Properties whose
 * value is `undefined` are allowed (they are treated as absent). The walk is iterative.
 *
 * @example
 * ```ts
 * checkJsonValue(JSON.parse('{"a":{"__proto__":1}}')); // [{ code: 'forbidden_key', path: ['a', '__proto__'], ... }]
 * checkJsonValue({ rate: Number.NaN })[0]?.code; // 'non_finite_number'
 * checkJsonValue({ ok: ['1.5', 2] }); // []
 * ```
 */
export function checkJsonValue(value: unknown, options: SafeParseJsonOptions = {}): Issue[] {
  const maxDepth = options.maxDepth ?? JSON_LIMITS.maxDepth;
  const maxIssues = options.maxIssues ?? JSON_LIMITS.maxIssues;
  const issues: Issue[] = [];
  const ancestors = new Set<object>();
  const add = (code: IssueCode, message: string, path: (string | number)[]): boolean => {
    const i: Issue = { code, message };
    if (path.length) i.path = path;
    if (options.file !== undefined) i.file = options.file;
    issues.push(i);
    if (issues.length < maxIssues) return true;
    issues.push({
      code: 'too_many_issues',
      message: `stopped after ${maxIssues} issues: fix these and try again`,
    });
    return false;
  };
  const todo: Step[] = [{ value, at: null, depth: 0 }];
  while (todo.length) {
    const step = todo.pop() as Step;
    if ('exit' in step) {
      ancestors.delete(step.exit);
      continue;
    }
    const { value: v, depth } = step;
    const node = step.at;
    const path = (): (string | number)[] => toPath(node);
    const where = (): string => (node ? ` at ${path().join('.')}` : '');
    let more = true;
    if (typeof v === 'number') {
      if (!Number.isFinite(v))
        more = add(
          'non_finite_number',
          `${v}${where()} is not a finite number: write a finite number or leave it out`,
          path(),
        );
    } else if (v === null || typeof v === 'string' || typeof v === 'boolean') {
      // JSON scalars.
    } else if (typeof v === 'object' && (Array.isArray(v) || isPlainObject(v))) {
      if (ancestors.has(v))
        more = add('cycle', `the value${where()} contains itself: JSON data cannot be circular`, path());
      else if (depth >= maxDepth)
        more = add('too_deep', `the data nests deeper than ${maxDepth} levels${where()}: flatten it`, path());
      else {
        ancestors.add(v);
        todo.push({ exit: v });
        const children: Step[] = [];
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length && more; i++) {
            const item: unknown = v[i];
            if (item !== undefined)
              children.push({ value: item, at: { up: node, key: i }, depth: depth + 1 });
            else
              more = add('not_json', `item ${[...path(), i].join('.')} is undefined: use null or remove it`, [
                ...path(),
                i,
              ]);
          }
        } else {
          for (const key of Object.keys(v)) {
            if (!more) break;
            if (FORBIDDEN_KEYS.has(key)) {
              const m = `the property name "${key}"${where()} is not allowed (it could tamper with JavaScript objects): rename or remove it`;
              more = add('forbidden_key', m, [...path(), key]);
              continue;
            }
            const item = v[key];
            if (item !== undefined) children.push({ value: item, at: { up: node, key }, depth: depth + 1 });
          }
        }
        for (let c = children.length - 1; c >= 0; c--) todo.push(children[c] as Step);
      }
    } else {
      const m = `the value${where()} is ${kindOf(v)}, not JSON data: convert it to a string, number, boolean, null, array or plain object`;
      more = add('not_json', m, path());
    }
    if (!more) break;
  }
  return issues;
}

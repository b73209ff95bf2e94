import type { Issue } from './issues';

/**
 * An issue as the JSON contracts write it: a plain copy with no `undefined` properties, so
 * every document lists its issues the same way.
 *
 * @example
 * ```ts
 * issueJson({ code: 'empty_cell', message: 'no score', line: 3, field: undefined });
 * // { code: 'empty_cell', message: 'no score', line: 3 }
 * ```
 */
export function issueJson(i: Issue): Issue {
  return JSON.parse(JSON.stringify(i)) as Issue;
}

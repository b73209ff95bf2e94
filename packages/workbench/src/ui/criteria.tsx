import type { Issue } from '@commonweal/core/issues';
import { PRICE_METHODS } from '@commonweal/core/procurement';
import {
  addCriterion,
  type CriterionJson,
  type CriterionPath,
  jsonPath,
  removeCriterion,
  updateCriterion,
  type WorkbenchState,
  weightSums,
} from '../state/state';

type Model = WorkbenchState['model'];

const TYPES = [
  ['quality', 'Quality question'],
  ['price', 'Price'],
  ['social-value', 'Social value'],
  ['pass-fail', 'Pass/fail gate'],
  ['group', 'Group of criteria'],
] as const;

const startsWith = (path: readonly (string | number)[], prefix: readonly (string | number)[]) =>
  prefix.every((p, i) => path[i] === p);

/** Issues that belong to this criterion (its path, not a child's). */
function issuesOf(issues: readonly Issue[], path: CriterionPath): Issue[] {
  const here = jsonPath(path);
  return issues.filter((i) => {
    const p = i.path ?? [];
    if (!startsWith(p, here)) return false;
    const rest = p.slice(here.length);
    return !(rest[0] === 'criteria' && typeof rest[1] === 'number');
  });
}

function levelsText(c: CriterionJson): string {
  const scale = c.scale as { levels?: { score: unknown; label: string }[] } | undefined;
  return (scale?.levels ?? []).map((l) => `${l.score}: ${l.label}`).join('\n');
}

function parseLevels(text: string, was: CriterionJson): unknown {
  const old = (
    (was.scale as { levels?: { score: unknown; descriptor?: string }[] } | undefined)?.levels ?? []
  ).map((l) => [String(l.score), l.descriptor] as const);
  const levels = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^([^:]+):\s*(.*)$/.exec(l);
      const score = (m?.[1] ?? l).trim();
      const label = (m?.[2] ?? '').trim() || score;
      const descriptor = old.find(([s]) => s === score)?.[1];
      return descriptor ? { score, label, descriptor } : { score, label };
    });
  return { levels };
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  hint?: string;
  inputMode?: 'decimal';
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={props.value}
        inputMode={props.inputMode}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

function SumLine(props: { model: Model; parent: CriterionPath }) {
  const s = weightSums(props.model).find((w) => w.parent.join('.') === props.parent.join('.'));
  if (!s) return null;
  return (
    <p
      class={s.fix ? 'sum bad' : 'sum ok'}
      role="status"
      data-testid={`sum-${props.parent.join('.') || 'top'}`}
    >
      {s.fix ? `✗ Weights here sum to ${s.total}, not 100: ${s.fix}.` : `✓ Weights here sum to ${s.total}.`}
    </p>
  );
}

function CriterionEditor(props: {
  model: Model;
  c: CriterionJson;
  path: CriterionPath;
  issues: Issue[];
  onChange: (m: Model) => void;
}) {
  const { c, path, model, onChange } = props;
  const key = path.join('-');
  const set = (patch: Record<string, unknown>) => onChange(updateCriterion(model, path, patch));
  const mine = issuesOf(props.issues, path);
  const scale = c.scale as { max?: unknown; levels?: unknown } | undefined;
  return (
    <li class="criterion">
      <fieldset>
        <legend>
          {c.title}{' '}
          <span class="muted">
            ({c.id}, {TYPES.find((t) => t[0] === c.type)?.[1] ?? c.type})
          </span>
        </legend>
        <div class="row">
          <Field
            id={`c-${key}-title`}
            label="Title"
            value={String(c.title ?? '')}
            onInput={(v) => set({ title: v })}
          />
          <Field id={`c-${key}-id`} label="Id" value={String(c.id ?? '')} onInput={(v) => set({ id: v })} />
          {c.type !== 'pass-fail' ? (
            <Field
              id={`c-${key}-weight`}
              label={`Weight of ${c.title} (%)`}
              value={String(c.weight ?? '')}
              inputMode="decimal"
              onInput={(v) => set({ weight: v })}
            />
          ) : null}
        </div>
        {c.type === 'price' ? (
          <div class="field">
            <label for={`c-${key}-method`}>Price formula</label>
            <select
              id={`c-${key}-method`}
              value={String(c.method)}
              onChange={(e) => set({ method: (e.currentTarget as HTMLSelectElement).value })}
            >
              {PRICE_METHODS.map((m) => (
                <option value={m}>{m}</option>
              ))}
            </select>
          </div>
        ) : null}
        {c.type === 'quality' || (c.type === 'social-value' && c.mode === 'qualitative') ? (
          <div class="row">
            {Array.isArray(scale?.levels) ? (
              <div class="field">
                <label for={`c-${key}-levels`}>Scale levels (score: label, one a line)</label>
                <textarea
                  id={`c-${key}-levels`}
                  rows={5}
                  value={levelsText(c)}
                  onChange={(e) =>
                    set({ scale: parseLevels((e.currentTarget as HTMLTextAreaElement).value, c) })
                  }
                />
              </div>
            ) : (
              <Field
                id={`c-${key}-max`}
                label="Scale maximum"
                value={String(scale?.max ?? '')}
                inputMode="decimal"
                onInput={(v) => set({ scale: { max: v } })}
              />
            )}
            <Field
              id={`c-${key}-minimum`}
              label="Minimum score (below it the bid is disqualified)"
              value={c.minimum === undefined ? '' : String(c.minimum)}
              inputMode="decimal"
              onInput={(v) => set({ minimum: v.trim() === '' ? undefined : v })}
              hint="leave empty for no minimum threshold"
            />
          </div>
        ) : null}
        {mine.length ? (
          <ul class="issues" aria-label={`Problems with ${c.title}`}>
            {mine.map((i) => (
              <li class={i.severity === 'warning' ? 'warn' : 'bad'}>
                {i.severity === 'warning' ? '⚠ Warning: ' : '✗ Error: '}
                {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" class="secondary" onClick={() => onChange(removeCriterion(model, path))}>
          Remove {c.title}
        </button>
        {c.type === 'group' ? (
          <CriteriaList
            model={model}
            list={(c.criteria as CriterionJson[]) ?? []}
            parent={path}
            issues={props.issues}
            onChange={onChange}
          />
        ) : null}
      </fieldset>
    </li>
  );
}

/**
 * A list of criteria (the top level or a group's) with its weight sum and an "add" control.
 *
 * @example
 * ```tsx
 * <CriteriaList model={model} list={model.criteria} parent={[]} issues={issues} onChange={setModel} />
 * ```
 */
export function CriteriaList(props: {
  model: Model;
  list: CriterionJson[];
  parent: CriterionPath;
  issues: Issue[];
  onChange: (m: Model) => void;
}) {
  const key = props.parent.join('-') || 'top';
  const where = props.parent.length ? 'to this group' : 'at the top level';
  return (
    <div class="criteria">
      <ol>
        {props.list.map((c, i) => (
          <CriterionEditor
            model={props.model}
            c={c}
            path={[...props.parent, i]}
            issues={props.issues}
            onChange={props.onChange}
          />
        ))}
      </ol>
      <SumLine model={props.model} parent={props.parent} />
      <div class="row add">
        <label for={`add-${key}`}>Add a criterion {where}</label>
        <select id={`add-${key}`}>
          {TYPES.map(([t, label]) => (
            <option value={t}>{label}</option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => {
            const t = (document.getElementById(`add-${key}`) as HTMLSelectElement).value;
            props.onChange(addCriterion(props.model, props.parent, t));
          }}
        >
          Add {where}
        </button>
      </div>
    </div>
  );
}

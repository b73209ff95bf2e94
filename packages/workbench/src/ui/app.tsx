import { formatIssue, type Issue } from '@commonweal/core/issues';
import { fmtScore } from '@commonweal/report';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import templateText from '../../../../examples/tender/model.json?raw';
import { type Scored, scoreTender } from '../evaluate/evaluate';
import { fromOcds, stateText } from '../files/files';
import { analyseSurvey, applyPriorities, SURVEY_FILE, surveyCsv } from '../priorities/priorities';
import {
  type CriterionJson,
  disagreements,
  emptyState,
  fromModelText,
  gateCriteria,
  modelIssues,
  parseState,
  publish,
  scoredCriteria,
  setGate,
  setModeration,
  setScore,
  stateJsonSchema,
  visibleScores,
  type WorkbenchState,
  weightChanges,
} from '../state/state';
import { loadState, saveState } from '../store/store';
import { CriteriaList } from './criteria';
import { download, readChosen } from './download';

const STEPS = [
  ['tender', 'Tender'],
  ['priorities', 'Community priorities'],
  ['criteria', 'Criteria'],
  ['bids', 'Bids'],
  ['gates', 'Gates'],
  ['scoring', 'Scoring'],
  ['moderation', 'Moderation'],
  ['results', 'Results'],
  ['export', 'Export'],
] as const;
type Step = (typeof STEPS)[number][0];

const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;

function Problems(props: { items: string[] }) {
  if (!props.items.length) return null;
  return (
    <ul class="issues" role="alert">
      {props.items.map((p) => (
        <li class="bad">✗ {p}</li>
      ))}
    </ul>
  );
}

function IssueList(props: { issues: Issue[]; label: string }) {
  if (!props.issues.length) return <p class="ok">✓ No issues.</p>;
  return (
    <ul class="issues" aria-label={props.label}>
      {props.issues.map((i) => (
        <li class={i.severity === 'warning' ? 'warn' : 'bad'}>
          {i.severity === 'warning' ? '⚠ ' : '✗ '}
          {formatIssue(i)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The workbench: one tender from set-up to assessment summaries, kept in this browser.
 *
 * @example
 * ```tsx
 * render(<App />, document.getElementById('app')!);
 * ```
 */
export function App() {
  const [state, setState] = useState<WorkbenchState | null>(null);
  const [step, setStep] = useState<Step>('tender');
  const [note, setNote] = useState<{ text: string; issues: Issue[] } | null>(null);
  const [scored, setScored] = useState<Scored | null>(null);
  const [saved, setSaved] = useState<'saving' | 'saved' | 'error'>('saved');
  const loaded = useRef(false);

  useEffect(() => {
    loadState()
      .then((s) => setState(s ?? emptyState()))
      .catch(() => {
        setState(emptyState());
        setNote({
          text: 'This browser cannot keep the workbench (IndexedDB is off): save it as a file.',
          issues: [],
        });
      });
  }, []);

  useEffect(() => {
    if (!state) return;
    if (!loaded.current) {
      loaded.current = true;
    }
    setSaved('saving');
    saveState(state).then(
      () => setSaved('saved'),
      () => setSaved('error'),
    );
    let live = true;
    scoreTender(state).then((s) => {
      if (live) setScored(s);
    });
    return () => {
      live = false;
    };
  }, [state]);

  if (!state) return <p role="status">Opening the workbench kept in this browser…</p>;
  const update = (s: WorkbenchState) => setState(s);

  return (
    <div class="app">
      <header class="top">
        <h1>Commissioner's workbench</h1>
        <p class="lead">
          {String(state.model.title ?? 'Untitled tender')}{' '}
          <span class="muted">({String(state.model.id ?? '')})</span>
        </p>
        <p class="private" role="note">
          <strong>Everything stays on this computer.</strong> The tender is kept in this browser and scored
          here; nothing is sent anywhere.{' '}
          <span role="status" data-testid="saved">
            {saved === 'saving'
              ? 'Saving…'
              : saved === 'saved'
                ? 'Saved in this browser.'
                : 'Not saved: save the workbench as a file.'}
          </span>
        </p>
        <nav aria-label="Steps">
          <ol class="steps">
            {STEPS.map(([id, label], i) => (
              <li>
                <button
                  type="button"
                  aria-current={step === id ? 'step' : undefined}
                  onClick={() => setStep(id)}
                >
                  {i + 1}. {label}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <main>
        {note ? (
          <div class="card note" role="status">
            <p>{note.text}</p>
            <IssueList issues={note.issues} label="Import issues" />
          </div>
        ) : null}
        {step === 'tender' ? <TenderStep state={state} update={update} setNote={setNote} /> : null}
        {step === 'priorities' ? <PrioritiesStep state={state} update={update} /> : null}
        {step === 'criteria' ? <CriteriaStep state={state} update={update} /> : null}
        {step === 'bids' ? <BidsStep state={state} update={update} /> : null}
        {step === 'gates' ? <GatesStep state={state} update={update} /> : null}
        {step === 'scoring' ? <ScoringStep state={state} update={update} /> : null}
        {step === 'moderation' ? <ModerationStep state={state} update={update} /> : null}
        {step === 'results' ? <ResultsStep scored={scored} /> : null}
        {step === 'export' ? <ExportStep state={state} scored={scored} /> : null}
      </main>
    </div>
  );
}

type StepProps = { state: WorkbenchState; update: (s: WorkbenchState) => void };

function TenderStep(props: StepProps & { setNote: (n: { text: string; issues: Issue[] } | null) => void }) {
  const { setNote, update } = props;
  const start = (s: WorkbenchState, text: string, issues: Issue[] = []) => {
    update(s);
    setNote({ text, issues });
  };
  return (
    <section class="card" aria-labelledby="tender-title">
      <h2 id="tender-title">Start a tender</h2>
      <p>Starting again replaces the tender kept in this browser: save it as a file first if you need it.</p>
      <div class="actions">
        <button
          type="button"
          onClick={() =>
            start(fromModelText(templateText), 'Started from the home care template (examples/tender).')
          }
        >
          Start from the home care template
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => start(emptyState(), 'Started an empty tender.')}
        >
          Start an empty tender
        </button>
      </div>
      <div class="field">
        <label for="ocds">Start from an OCDS release or release package (JSON)</label>
        <input
          id="ocds"
          type="file"
          accept=".json,application/json"
          onChange={async (e) => {
            const f = await readChosen(e.currentTarget as HTMLInputElement);
            if (!f) return;
            const r = fromOcds(f.text, f.name);
            if (r.ok)
              start(r.state, `Started from ${f.name}: check the criteria and scales it gave.`, r.issues);
            else setNote({ text: `${f.name} cannot be used as an OCDS release.`, issues: r.issues });
          }}
        />
      </div>
      <h3>The workbench file</h3>
      <p>
        The whole tender — model, bids, panel, scores, gates, moderation and survey — as one JSON file, with
        its JSON Schema.
      </p>
      <div class="actions">
        <button
          type="button"
          onClick={() => download('workbench.json', stateText(props.state), 'application/json')}
        >
          Save the workbench (JSON)
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            download(
              'workbench.schema.json',
              `${JSON.stringify(stateJsonSchema(), null, 2)}\n`,
              'application/json',
            )
          }
        >
          Save its JSON Schema
        </button>
      </div>
      <div class="field">
        <label for="open-state">Open a saved workbench file</label>
        <input
          id="open-state"
          type="file"
          accept=".json,application/json"
          onChange={async (e) => {
            const f = await readChosen(e.currentTarget as HTMLInputElement);
            if (!f) return;
            const r = parseState(f.text, f.name);
            if (r.ok) start(r.value, `Opened ${f.name}.`);
            else setNote({ text: `${f.name} is not a workbench file.`, issues: r.issues });
          }}
        />
      </div>
    </section>
  );
}

function CriteriaStep(props: StepProps) {
  const { state, update } = props;
  const m = state.model;
  const issues = useMemo(() => modelIssues(m), [m]);
  const top = issues.filter(
    (i) => !(i.path ?? []).some((p) => p === 'criteria') || (i.path ?? []).length === 1,
  );
  const changes = weightChanges(m);
  const published = m.published as { date?: string } | undefined;
  const setModel = (model: WorkbenchState['model']) => update({ ...state, model });
  const topField = (key: string, label: string) => (
    <div class="field">
      <label for={`m-${key}`}>{label}</label>
      <input
        id={`m-${key}`}
        value={m[key] === undefined ? '' : String(m[key])}
        onInput={(e) => {
          const v = val(e);
          const next = { ...m };
          if (v.trim() === '' && key !== 'title' && key !== 'id') delete next[key];
          else next[key] = v;
          setModel(next);
        }}
      />
    </div>
  );
  return (
    <section class="card" aria-labelledby="criteria-title">
      <h2 id="criteria-title">Criteria, weights and scales</h2>
      <div class="row">
        {topField('id', 'Tender id')}
        {topField('title', 'Tender title')}
        {topField('currency', 'Currency')}
        {topField('divergenceThreshold', 'Divergence threshold (share of the scale)')}
      </div>
      <div class="field">
        <label for="m-description">Method description (published text)</label>
        <textarea
          id="m-description"
          rows={3}
          value={String(m.description ?? '')}
          onInput={(e) => {
            const next = { ...m };
            const v = (e.currentTarget as HTMLTextAreaElement).value;
            if (v === '') delete next.description;
            else next.description = v;
            setModel(next);
          }}
        />
      </div>
      <h3>Model check</h3>
      <IssueList issues={top} label="Problems with the model" />
      <CriteriaList
        model={m}
        list={(m.criteria as CriterionJson[]) ?? []}
        parent={[]}
        issues={issues}
        onChange={setModel}
      />
      <h3>Publication</h3>
      {published ? (
        <p>
          Published on {published.date ?? 'an unrecorded date'}.{' '}
          {changes.length
            ? `Weights changed since: ${changes.map((c) => `${c.id} ${c.published ?? '–'} → ${c.now ?? '–'}`).join(', ')}. The report will say so.`
            : 'The weights are as published.'}
        </p>
      ) : (
        <p>Not published yet: publish the method before bids open so the report can show any later change.</p>
      )}
      <button
        type="button"
        disabled={issues.some((i) => i.severity !== 'warning')}
        onClick={() => update(publish(state, new Date().toISOString().slice(0, 10)))}
      >
        Publish the method (record the weights)
      </button>
    </section>
  );
}

function BidsStep(props: StepProps) {
  const { state, update } = props;
  const [problems, setProblems] = useState<string[]>([]);
  const [draft, setDraft] = useState({ bid: '', bidder: '', price: '' });
  const add = () => {
    const p: string[] = [];
    const price = draft.price.replace(/[£,\s]/g, '');
    if (!draft.bid.trim()) p.push('Bid id: give the bid an id such as B1');
    if (state.bids.some((b) => b.bid === draft.bid.trim())) p.push(`Bid id: "${draft.bid}" is taken`);
    if (!draft.bidder.trim()) p.push("Bidder: give the bidder's name");
    if (!/^\d+(\.\d+)?$/.test(price)) p.push('Price: give the total price as a number, e.g. 2310000');
    setProblems(p);
    if (p.length) return;
    update({
      ...state,
      bids: [...state.bids, { bid: draft.bid.trim(), bidder: draft.bidder.trim(), price }],
    });
    setDraft({ bid: '', bidder: '', price: '' });
  };
  return (
    <section class="card" aria-labelledby="bids-title">
      <h2 id="bids-title">Bids</h2>
      <table>
        <caption>Bids received ({state.bids.length})</caption>
        <thead>
          <tr>
            <th scope="col">Bid</th>
            <th scope="col">Bidder</th>
            <th scope="col" class="num">
              Price
            </th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {state.bids.map((b) => (
            <tr>
              <td>{b.bid}</td>
              <td>{b.bidder}</td>
              <td class="num">{b.price}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => update({ ...state, bids: state.bids.filter((x) => x.bid !== b.bid) })}
                >
                  Remove {b.bid}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        {(['bid', 'bidder', 'price'] as const).map((k) => (
          <div class="field">
            <label for={`bid-${k}`}>
              {k === 'bid' ? 'Bid id' : k === 'bidder' ? 'Bidder' : 'Total price'}
            </label>
            <input id={`bid-${k}`} value={draft[k]} onInput={(e) => setDraft({ ...draft, [k]: val(e) })} />
          </div>
        ))}
        <button type="submit">Add the bid</button>
      </form>
      <Problems items={problems} />
    </section>
  );
}

function GatesStep(props: StepProps) {
  const { state, update } = props;
  const gates = gateCriteria(state.model);
  const [problems, setProblems] = useState<string[]>([]);
  if (!gates.length)
    return (
      <section class="card">
        <h2>Gates</h2>
        <p>The model has no pass/fail gates.</p>
      </section>
    );
  return (
    <section class="card" aria-labelledby="gates-title">
      <h2 id="gates-title">Pass/fail gates</h2>
      <Problems items={problems} />
      {state.bids.map((b) =>
        gates.map((g) => {
          const key = `${b.bid}-${g.id}`;
          const was = state.gates.find((x) => x.bid === b.bid && x.criterion === g.id);
          return (
            <form
              class="cell"
              aria-label={`${g.title} for ${b.bid}`}
              onSubmit={(e) => {
                e.preventDefault();
                const f = e.currentTarget as HTMLFormElement;
                const result = (f.elements.namedItem('result') as RadioNodeList).value as 'pass' | 'fail';
                const reason = (f.elements.namedItem('reason') as HTMLTextAreaElement).value;
                if (!result) return setProblems([`${g.title} for ${b.bid}: choose pass or fail`]);
                const r = setGate(state, { bid: b.bid, criterion: g.id, result, reason });
                if (!r.ok) return setProblems(r.problems.map((p) => `${g.title} for ${b.bid}: ${p}`));
                setProblems([]);
                update(r.state);
              }}
            >
              <fieldset>
                <legend>
                  {g.title} — {b.bidder} ({b.bid})
                  {was ? `: recorded ${was.result.toUpperCase()}` : ': not recorded'}
                </legend>
                {(['pass', 'fail'] as const).map((v) => (
                  <label class="choice">
                    <input type="radio" name="result" value={v} checked={was?.result === v} />{' '}
                    {v === 'pass' ? 'Pass' : 'Fail'}
                  </label>
                ))}
                <label for={`gate-${key}-reason`}>
                  Reason for {g.title}, {b.bid}
                </label>
                <textarea id={`gate-${key}-reason`} name="reason" rows={2} value={was?.reason ?? ''} />
                <button type="submit">Record the gate result</button>
              </fieldset>
            </form>
          );
        }),
      )}
    </section>
  );
}

function ScoringStep(props: StepProps) {
  const { state, update } = props;
  const [who, setWho] = useState(state.evaluators[0]?.id ?? '');
  const [problems, setProblems] = useState<string[]>([]);
  const [newName, setNewName] = useState('');
  const criteria = scoredCriteria(state.model);
  const mine = visibleScores(state, who);
  const total = criteria.length * state.bids.length;
  return (
    <section class="card" aria-labelledby="scoring-title">
      <h2 id="scoring-title">Scoring</h2>
      <p>
        Each evaluator scores alone: while you score you see your own scores only, never the others'. Every
        score needs a justification.
      </p>
      <div class="row">
        <div class="field">
          <label for="evaluator">Scoring as</label>
          <select
            id="evaluator"
            value={who}
            onChange={(e) => setWho((e.currentTarget as HTMLSelectElement).value)}
          >
            {state.evaluators.map((ev) => (
              <option value={ev.id}>
                {ev.id} — {ev.name}
              </option>
            ))}
          </select>
        </div>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newName.trim()) return;
            let n = state.evaluators.length + 1;
            while (state.evaluators.some((x) => x.id === `E${n}`)) n++;
            update({ ...state, evaluators: [...state.evaluators, { id: `E${n}`, name: newName.trim() }] });
            setNewName('');
          }}
        >
          <div class="field">
            <label for="new-evaluator">New evaluator's name</label>
            <input id="new-evaluator" value={newName} onInput={(e) => setNewName(val(e))} />
          </div>
          <button type="submit" class="secondary">
            Add the evaluator
          </button>
        </form>
      </div>
      <p role="status" data-testid="progress">
        {who}: {mine.length} of {total} scored.
      </p>
      <Problems items={problems} />
      {state.bids.map((b) => (
        <div class="bid">
          <h3>
            {b.bidder} ({b.bid})
          </h3>
          {criteria.map((c) => {
            const was = mine.find((s) => s.bid === b.bid && s.criterion === c.id);
            const key = `${who}-${b.bid}-${c.id}`;
            return (
              <form
                class="cell"
                key={key}
                aria-label={`${c.title} for ${b.bid}`}
                onSubmit={(e) => {
                  e.preventDefault();
                  const f = e.currentTarget as HTMLFormElement;
                  const el = f.elements.namedItem('score') as RadioNodeList | HTMLInputElement;
                  const score = el.value;
                  const comment = (f.elements.namedItem('comment') as HTMLTextAreaElement).value;
                  if (!score) return setProblems([`${c.title} for ${b.bid}: choose a score`]);
                  const r = setScore(state, { bid: b.bid, criterion: c.id, evaluator: who, score, comment });
                  if (!r.ok) return setProblems(r.problems.map((p) => `${c.title} for ${b.bid}: ${p}`));
                  setProblems([]);
                  update(r.state);
                }}
              >
                <fieldset>
                  <legend>
                    {c.title} — {b.bid}
                    {was ? `: scored ${was.score}` : ': not scored yet'}
                  </legend>
                  {c.options ? (
                    c.options.map((o) => (
                      <label class="choice">
                        <input type="radio" name="score" value={o.score} checked={was?.score === o.score} />{' '}
                        {o.score} {o.label}
                      </label>
                    ))
                  ) : (
                    <>
                      <label for={`s-${key}`}>
                        Score for {c.title}, {b.bid} (0 to {c.max})
                      </label>
                      <input id={`s-${key}`} name="score" inputMode="decimal" value={was?.score ?? ''} />
                    </>
                  )}
                  <label for={`j-${key}`}>
                    Justification for {c.title}, {b.bid}
                  </label>
                  <textarea
                    id={`j-${key}`}
                    name="comment"
                    rows={2}
                    aria-required="true"
                    value={was?.comment ?? ''}
                  />
                  <button type="submit">Save the score</button>
                </fieldset>
              </form>
            );
          })}
        </div>
      ))}
    </section>
  );
}

function ModerationStep(props: StepProps) {
  const { state, update } = props;
  const list = disagreements(state);
  const [problems, setProblems] = useState<string[]>([]);
  const title = (id: string) => scoredCriteria(state.model).find((c) => c.id === id);
  return (
    <section class="card" aria-labelledby="moderation-title">
      <h2 id="moderation-title">Moderation</h2>
      <p>
        Where evaluators' scores differ by more than the divergence threshold of the scale, the panel agrees a
        consensus score and records why. {list.filter((d) => d.divergent).length} of {list.length} scored
        answers need moderation.
      </p>
      <Problems items={problems} />
      {list.map((d) => {
        const c = title(d.criterion);
        const key = `${d.bid}-${d.criterion}`;
        return (
          <form
            class={d.divergent ? 'cell divergent' : 'cell'}
            aria-label={`Moderation of ${c?.title} for ${d.bid}`}
            onSubmit={(e) => {
              e.preventDefault();
              const f = e.currentTarget as HTMLFormElement;
              const score = (f.elements.namedItem('score') as HTMLSelectElement).value;
              const reason = (f.elements.namedItem('reason') as HTMLTextAreaElement).value;
              const r = setModeration(state, { bid: d.bid, criterion: d.criterion, score, reason });
              if (!r.ok) return setProblems(r.problems.map((p) => `${c?.title} for ${d.bid}: ${p}`));
              setProblems([]);
              update(r.state);
            }}
          >
            <fieldset>
              <legend>
                {c?.title} — {d.bid}:{' '}
                {d.divergent
                  ? `⚠ evaluators disagree (spread ${d.spread} > ${d.allowed})`
                  : `spread ${d.spread}, within ${d.allowed}`}
                {d.moderated ? `; moderated to ${d.moderated.score}` : ''}
              </legend>
              <table>
                <caption class="sr-only">Evaluators' scores</caption>
                <thead>
                  <tr>
                    <th scope="col">Evaluator</th>
                    <th scope="col" class="num">
                      Score
                    </th>
                    <th scope="col">Justification</th>
                  </tr>
                </thead>
                <tbody>
                  {d.scores.map((s) => (
                    <tr>
                      <td>{s.evaluator}</td>
                      <td class="num">{s.score}</td>
                      <td>{s.comment}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label for={`m-${key}-score`}>
                Consensus score for {c?.title}, {d.bid}
              </label>
              {c?.options ? (
                <select id={`m-${key}-score`} name="score" value={d.moderated?.score ?? ''}>
                  {c.options.map((o) => (
                    <option value={o.score}>
                      {o.score} {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={`m-${key}-score`} name="score" value={d.moderated?.score ?? ''} />
              )}
              <label for={`m-${key}-reason`}>
                Reason agreed for {c?.title}, {d.bid}
              </label>
              <textarea id={`m-${key}-reason`} name="reason" rows={2} value={d.moderated?.reason ?? ''} />
              <button type="submit">Record the moderated score</button>
            </fieldset>
          </form>
        );
      })}
    </section>
  );
}

function ResultsStep(props: { scored: Scored | null }) {
  const s = props.scored;
  if (!s) return <p role="status">Scoring…</p>;
  if (!s.ok)
    return (
      <section class="card" aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <p class="bad" data-testid="headline">
          ✗ {s.headline}
        </p>
        <IssueList issues={s.issues} label="Why the tender cannot be scored" />
      </section>
    );
  const doc = s.result.document;
  const e = s.result.evaluation;
  const bidder = (id: string) => e.bids.find((b) => b.bid === id)?.bidder ?? id;
  return (
    <section class="card" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <p data-testid="headline">{e.winner ? `Winner: ${bidder(e.winner)} (${e.winner}).` : 'No winner.'}</p>
      <table id="ranking">
        <caption>Ranking (totals out of 100, shown to 2 places, compared at full precision)</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Rank
            </th>
            <th scope="col">Bid</th>
            <th scope="col">Bidder</th>
            <th scope="col" class="num">
              Total
            </th>
            <th scope="col">Disqualifications and flags</th>
          </tr>
        </thead>
        <tbody>
          {e.bids.map((b) => (
            <tr>
              <td class="num">{b.rank ?? '–'}</td>
              <td>{b.bid}</td>
              <td>{b.bidder}</td>
              <td class="num">{b.total === null ? '–' : fmtScore(b.total)}</td>
              <td>
                {[
                  ...(b.disqualified ? b.reasons.map((r) => `Disqualified: ${r}`) : []),
                  ...b.flags.map((f) => `Flag: ${f.message}`),
                ].join('; ') || '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Weight sensitivity</h3>
      <ul>
        {doc.sensitivity.map((r) => (
          <li>
            {r.criterion}:{' '}
            {r.flipsAt === null
              ? 'no weight from 0 to 100 % changes the winner'
              : `the winner changes at ${fmtScore(r.flipsAt)} %`}
          </li>
        ))}
      </ul>
      <h3>Issues</h3>
      <IssueList issues={s.result.issues} label="Evaluation issues" />
      <details>
        <summary>
          The evaluation as JSON (the bytes <code>commonweal evaluate --format json</code> prints for the
          exported files)
        </summary>
        <pre id="result-json">{s.json}</pre>
      </details>
      <h3>Report</h3>
      <iframe class="report" title="Tender evaluation report" sandbox="" srcdoc={s.html} />
    </section>
  );
}

function ExportStep(props: { state: WorkbenchState; scored: Scored | null }) {
  const s = props.scored;
  const files = s?.files ?? [];
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p>
        The files <code>commonweal evaluate</code> reads (run it in the folder you save them to):{' '}
        <code>
          commonweal evaluate --model model.json --bids bids.csv --scores scores.csv
          {files.some((f) => f.name === 'gates.csv') ? ' --gates gates.csv' : ''}
          {files.some((f) => f.name === 'moderation.csv') ? ' --moderation moderation.csv' : ''} --format json
        </code>
      </p>
      <ul class="downloads">
        {files.map((f) => (
          <li>
            <button
              type="button"
              onClick={() =>
                download(f.name, f.text, f.name.endsWith('.json') ? 'application/json' : 'text/csv')
              }
            >
              Save {f.name}
            </button>
          </li>
        ))}
      </ul>
      {props.state.survey.answers.length ? (
        <>
          <h3>Community priorities survey</h3>
          <p>
            The answers, as{' '}
            <code>
              commonweal priorities --survey {SURVEY_FILE} --groups {props.state.survey.groups}
              {props.state.survey.items.length
                ? ` --items ${props.state.survey.items.map((i) => i.id).join(',')}`
                : ''}
            </code>{' '}
            reads them (its inputs SHA-256 is the one the model cites).
          </p>
          <ul class="downloads">
            <li>
              <button
                type="button"
                onClick={() => download(SURVEY_FILE, surveyCsv(props.state.survey), 'text/csv')}
              >
                Save {SURVEY_FILE}
              </button>
            </li>
          </ul>
        </>
      ) : null}
      {s?.ok ? (
        <>
          <h3>Results</h3>
          <ul class="downloads">
            <li>
              <button type="button" onClick={() => download('evaluation.json', s.json, 'application/json')}>
                Save evaluation.json
              </button>
            </li>
            <li>
              <button type="button" onClick={() => download('report.html', s.html, 'text/html')}>
                Save report.html
              </button>
            </li>
          </ul>
          <h3>Assessment summaries (one per bidder)</h3>
          <ul class="downloads">
            {s.summaries.map((f) => (
              <li>
                <button type="button" onClick={() => download(f.name, f.text, 'text/markdown')}>
                  Save {f.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>The tender cannot be scored yet: see Results.</p>
      )}
    </section>
  );
}

function PrioritiesStep(props: StepProps) {
  const { state, update } = props;
  const sv = state.survey;
  const [problems, setProblems] = useState<string[]>([]);
  const [item, setItem] = useState({ id: '', title: '' });
  const [resp, setResp] = useState<{ respondent: string; group: string; values: Record<string, string> }>({
    respondent: '',
    group: '',
    values: {},
  });
  const [analysed, setAnalysed] = useState<Awaited<ReturnType<typeof analyseSurvey>> | null>(null);
  useEffect(() => {
    if (!sv.answers.length) return setAnalysed(null);
    let live = true;
    analyseSurvey(sv).then((r) => {
      if (live) setAnalysed(r);
    });
    return () => {
      live = false;
    };
  }, [sv]);
  const setSurvey = (survey: WorkbenchState['survey']) => update({ ...state, survey });
  return (
    <section class="card" aria-labelledby="priorities-title">
      <h2 id="priorities-title">Community priorities</h2>
      <p>
        Residents, businesses and community groups say what matters to them; their answers become the weights
        of the social value themes, with how far they agree.
      </p>
      <div class="row">
        <div class="field">
          <label for="sv-method">How people answer</label>
          <select
            id="sv-method"
            value={sv.method}
            onChange={(e) =>
              setSurvey({ ...sv, method: (e.currentTarget as HTMLSelectElement).value as 'points' | 'ranks' })
            }
          >
            <option value="points">Share points among the themes</option>
            <option value="ranks">Rank the themes (1 = most important)</option>
          </select>
        </div>
        <div class="field">
          <label for="sv-groups">How groups count</label>
          <select
            id="sv-groups"
            value={sv.groups}
            onChange={(e) =>
              setSurvey({
                ...sv,
                groups: (e.currentTarget as HTMLSelectElement).value as 'equal' | 'proportional',
              })
            }
          >
            <option value="equal">Each stakeholder group equally</option>
            <option value="proportional">Each respondent equally</option>
          </select>
        </div>
      </div>
      <h3>Themes</h3>
      <ul>
        {sv.items.map((i) => (
          <li>
            {i.title} <span class="muted">({i.id})</span>
          </li>
        ))}
      </ul>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!item.id.trim() || !item.title.trim()) return setProblems(['Theme: give an id and a title']);
          if (sv.items.some((x) => x.id === item.id.trim()))
            return setProblems([`Theme: "${item.id}" is taken`]);
          setProblems([]);
          setSurvey({ ...sv, items: [...sv.items, { id: item.id.trim(), title: item.title.trim() }] });
          setItem({ id: '', title: '' });
        }}
      >
        <div class="field">
          <label for="item-id">Theme id</label>
          <input id="item-id" value={item.id} onInput={(e) => setItem({ ...item, id: val(e) })} />
        </div>
        <div class="field">
          <label for="item-title">Theme title</label>
          <input id="item-title" value={item.title} onInput={(e) => setItem({ ...item, title: val(e) })} />
        </div>
        <button type="submit">Add the theme</button>
      </form>
      <h3>Answers</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const p: string[] = [];
          if (!resp.respondent.trim()) p.push('Respondent: give an id');
          if (!resp.group.trim()) p.push('Group: name the stakeholder group');
          if (sv.answers.some((a) => a.respondent === resp.respondent.trim()))
            p.push(`Respondent "${resp.respondent}" has answered`);
          const answers = sv.items
            .filter((i) => (resp.values[i.id] ?? '').trim() !== '')
            .map((i) => ({
              respondent: resp.respondent.trim(),
              group: resp.group.trim(),
              item: i.id,
              value: (resp.values[i.id] ?? '').trim(),
            }));
          if (!answers.length) p.push('Give a value for at least one theme');
          for (const a of answers)
            if (!/^\d+(\.\d+)?$/.test(a.value)) p.push(`${a.item}: "${a.value}" is not a number`);
          setProblems(p);
          if (p.length) return;
          setSurvey({ ...sv, answers: [...sv.answers, ...answers] });
          setResp({ respondent: '', group: resp.group, values: {} });
        }}
      >
        <div class="row">
          <div class="field">
            <label for="resp-id">Respondent</label>
            <input
              id="resp-id"
              value={resp.respondent}
              onInput={(e) => setResp({ ...resp, respondent: val(e) })}
            />
          </div>
          <div class="field">
            <label for="resp-group">Stakeholder group</label>
            <input id="resp-group" value={resp.group} onInput={(e) => setResp({ ...resp, group: val(e) })} />
          </div>
          {sv.items.map((i) => (
            <div class="field">
              <label for={`resp-${i.id}`}>
                {sv.method === 'points' ? 'Points for' : 'Rank of'} {i.title}
              </label>
              <input
                id={`resp-${i.id}`}
                inputMode="decimal"
                value={resp.values[i.id] ?? ''}
                onInput={(e) => setResp({ ...resp, values: { ...resp.values, [i.id]: val(e) } })}
              />
            </div>
          ))}
        </div>
        <button type="submit">Add the answer</button>
      </form>
      <Problems items={problems} />
      <p>{new Set(sv.answers.map((a) => a.respondent)).size} respondents.</p>
      {analysed && !analysed.ok ? (
        <>
          <p class="bad">✗ {analysed.headline}</p>
          <IssueList issues={analysed.issues} label="Survey issues" />
        </>
      ) : null}
      {analysed?.ok ? (
        <>
          <table>
            <caption>Weights from the survey (%)</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col" class="num">
                  Overall
                </th>
                {Object.keys(analysed.priorities.groups).map((g) => (
                  <th scope="col" class="num">
                    {g}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sv.items.map((i) => (
                <tr>
                  <td>{i.title}</td>
                  <td class="num">{analysed.priorities.overall.weights[i.id]?.toString() ?? '–'}</td>
                  {Object.values(analysed.priorities.groups).map((g) => (
                    <td class="num">{g.weights[i.id]?.toString() ?? '–'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="agreement">
            Agreement (Kendall's W, 0 none to 1 full):{' '}
            {analysed.priorities.overall.agreement.w === null
              ? 'not defined'
              : analysed.priorities.overall.agreement.w.toFixed(2)}
          </p>
          <IssueList issues={analysed.issues} label="Survey notes" />
          <p class="muted" data-testid="survey-hash">
            Survey SHA-256 {analysed.sha256} (as{' '}
            <code>commonweal priorities --survey {SURVEY_FILE} --items …</code> gives it on the file saved at
            Export).
          </p>
          <button
            type="button"
            onClick={() => {
              const r = applyPriorities(state, analysed);
              if (!r.ok) return setProblems(r.issues.map((i) => i.message));
              setProblems([]);
              update(r.state);
            }}
          >
            Apply these weights to the social value criteria
          </button>
        </>
      ) : null}
    </section>
  );
}

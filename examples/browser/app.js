// The browser scorer's page: reads the chosen or dropped files in the browser, scores the tender
// with the evaluate flow of @commonweal/flows — the one `commonweal evaluate` runs — (the packages'
// ESM builds, through the import map in index.html) and shows the issues, the ranking and the HTML
// report. Nothing is sent anywhere; no data is kept.
const $ = (id) => document.getElementById(id);
const status = $('status');
const result = $('result');

let lib;
try {
  const [flows, csv, money, report, issues] = await Promise.all([
    import('@commonweal/flows'),
    import('@commonweal/csv'),
    import('@commonweal/core/money'),
    import('@commonweal/report'),
    import('@commonweal/core/issues'),
  ]);
  lib = { ...flows, ...csv, ...money, ...report, ...issues };
} catch (e) {
  status.className = 'status bad';
  status.textContent = `The Commonweal packages could not be loaded (${e instanceof Error ? e.message : String(e)}). Build them with \`pnpm build\` at the repository root, then reload.`;
}

/** The inputs the page takes, in the order the CLI reads them. */
const ROLES = ['model', 'bids', 'scores', 'gates', 'moderation'];

/** The CSV roles' columns, to tell a dropped file by its header. */
const COLUMNS = () => ({
  bids: lib.BID_COLUMNS,
  scores: lib.SCORE_COLUMNS,
  gates: lib.GATE_COLUMNS,
  moderation: lib.MODERATION_COLUMNS,
});

/**
 * Which input a dropped file is: `.json` is the model; a CSV is told by its header (the role
 * whose required columns all appear, the most specific first), then by its name; null if neither.
 */
async function classifyFile(name, text) {
  if (/\.json$/i.test(name)) return 'model';
  const { header } = await lib.peekHeader(text);
  const have = new Set((header?.fields ?? []).map((h) => lib.normalizeName(h)));
  let best = null;
  let bestCount = 0;
  for (const [role, columns] of Object.entries(COLUMNS())) {
    const required = Object.values(columns).filter((c) => c.required);
    const found = required.every((c) =>
      [c.header, ...(c.aliases ?? [])].some((h) => have.has(lib.normalizeName(h))),
    );
    if (found && required.length > bestCount) {
      best = role;
      bestCount = required.length;
    }
  }
  if (best) return best;
  const lower = name.toLowerCase();
  if (lower.includes('moderat')) return 'moderation';
  if (lower.includes('gate')) return 'gates';
  if (lower.includes('score')) return 'scores';
  if (lower.includes('bid')) return 'bids';
  return null;
}

/** role → { name, text } of the files in use. */
const files = {};
let generation = 0;
let savedReport = '';
let savedJson = '';

const inputFor = (role) => document.querySelector(`input[type=file][data-role="${role}"]`);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

/** Puts a file on its role's input too, so the form always shows what is being scored. */
function showOnInput(role, file) {
  chosen.set(role, file);
  const input = inputFor(role);
  if (!input || input.files?.[0] === file) return;
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
}

async function use(role, file) {
  files[role] = { name: file.name, text: lib.decodeText(await file.arrayBuffer()) };
}

function say(text, tone = '') {
  status.className = `status ${tone}`.trim();
  status.textContent = text;
}

function ready() {
  say('Ready. Choose or drop the files, or load the example. Your files stay on this computer.');
}

function issueItem(i) {
  const loc = [i.file, i.line, i.line !== undefined ? i.column : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const where = [loc, i.field ?? (i.path?.length ? i.path.join('.') : undefined)].filter(Boolean).join(' ');
  const warning = i.severity === 'warning';
  return el(
    'li',
    { class: warning ? 'warning' : 'error', 'data-issue': lib.formatIssue(i) },
    el('span', { class: 'sev' }, warning ? 'warning' : 'error'),
    ' ',
    ...(where ? [el('code', { class: 'where' }, where), ' '] : []),
    i.message,
    ' ',
    el('span', { class: 'code' }, `[${i.code}]`),
  );
}

function renderIssues(list) {
  const ul = $('issues');
  ul.replaceChildren(...list.map(issueItem));
  const errors = list.filter((i) => i.severity !== 'warning').length;
  $('issues-title').textContent = list.length
    ? `Issues: ${errors} error${errors === 1 ? '' : 's'}, ${list.length - errors} warning${list.length - errors === 1 ? '' : 's'}`
    : 'Issues: none';
  if (!list.length)
    ul.append(
      el('li', { class: 'none' }, 'Every row was read and accepted, and the evaluation is complete.'),
    );
}

const pts = (d) => (d === null ? '–' : lib.round(d, lib.SCORE_ROUNDING));

function statusText(b) {
  if (b.status === 'ranked') return String(b.rank);
  return b.status === 'disqualified' ? 'disqualified' : 'not ranked';
}

function renderRanking(e) {
  const rows = e.bids.map((b) => {
    const notes = [
      ...b.reasons.map((r) => `Disqualified: ${r}`),
      ...b.flags.map((f) => `${f.code}${f.criterion ? ` (${f.criterion})` : ''}: ${f.message}`),
    ];
    const attrs = { class: b.status };
    if (b.status === 'ranked') {
      attrs['data-bid'] = b.bid;
      attrs['data-rank'] = String(b.rank);
      attrs['data-total'] = b.total.toString();
    }
    return el(
      'tr',
      attrs,
      el('td', { class: 'num' }, statusText(b)),
      el('th', { scope: 'row' }, b.bid),
      el('td', {}, b.bidder),
      el('td', { class: 'num' }, lib.formatMoney(b.price.toString(), e.model.currency)),
      el('td', { class: 'num total' }, pts(b.total)),
      el('td', { class: 'notes' }, ...notes.flatMap((n, i) => (i ? [el('br'), n] : [n]))),
    );
  });
  $('ranking').tBodies[0].replaceChildren(...rows);
}

function fitReport() {
  const frame = $('report');
  const doc = frame.contentDocument;
  if (doc?.documentElement) frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
}

function showFailure(r) {
  result.hidden = false;
  $('headline').textContent = `${r.headline[0]?.toUpperCase()}${r.headline.slice(1)}.`;
  $('headline').className = 'headline bad';
  $('caveat').hidden = true;
  $('facts').replaceChildren();
  $('ranking-box').hidden = true;
  $('saves').hidden = true;
  $('json-box').hidden = true;
  $('report-box').hidden = true;
  $('report').srcdoc = '';
  renderIssues(r.issues);
}

function showResult(r) {
  const errors = lib.hasErrors(r.issues);
  const e = r.evaluation;
  result.hidden = false;
  const winner = e.winner ? e.bids.find((b) => b.bid === e.winner) : undefined;
  $('headline').className = `headline ${errors ? 'warn' : 'good'}`;
  $('headline').textContent = winner
    ? `Winner: ${winner.bid} ${winner.bidder}, ${pts(winner.total)} out of 100.`
    : 'No single winner (see the issues).';
  const rejected = Object.values(r.counts).reduce((n, c) => n + c.rejected, 0);
  $('caveat').hidden = !errors;
  $('caveat').textContent = errors
    ? `Check the issues below before relying on this ranking: ${rejected ? `${rejected} row${rejected === 1 ? ' was' : 's were'} rejected and left out` : 'the evaluation found errors'}.`
    : '';
  const read = Object.entries(r.counts)
    .map(([f, c]) => `${f}: ${c.read} read, ${c.accepted} accepted, ${c.rejected} rejected`)
    .join('; ');
  $('facts').replaceChildren(
    el('li', {}, `${e.model.title} (${e.model.id}).`),
    el(
      'li',
      {},
      `Bids: ${e.counts.bids} (${e.counts.ranked} ranked, ${e.counts.disqualified} disqualified, ${e.counts.incomplete} not ranked: incomplete).`,
    ),
    el('li', {}, `Rows: ${read}.`),
    el('li', {}, 'Inputs sha256 ', el('code', { class: 'sha' }, r.sha256), ' (the same as the CLI’s).'),
  );
  $('ranking-box').hidden = false;
  renderRanking(e);
  renderIssues(r.issues);
  savedJson = lib.documentText(r.document);
  savedReport = lib.renderTenderHtml(e);
  $('json').textContent = savedJson;
  $('saves').hidden = false;
  $('json-box').hidden = false;
  $('report-box').hidden = false;
  $('report').srcdoc = savedReport;
}

/** Scores the files in use; only the latest run is shown when files change quickly. */
async function run() {
  const mine = ++generation;
  const roles = ROLES.filter((r) => files[r]);
  result.dataset.state = 'working';
  result.dataset.inputs = roles.join(' ');
  if (!['model', 'bids', 'scores'].every((r) => files[r])) {
    result.hidden = true;
    $('report-box').hidden = true;
    result.dataset.state = 'idle';
    const missing = ['model', 'bids', 'scores'].filter((r) => !files[r]);
    if (roles.length) say(`Now choose the ${missing.join(', ')} file${missing.length > 1 ? 's' : ''}.`);
    else ready();
    return;
  }
  say('Scoring…');
  let r;
  try {
    r = await lib.evaluateFlow(files);
  } catch (e) {
    if (mine !== generation) return;
    result.dataset.state = 'failed';
    say(`Scoring stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`, 'bad');
    throw e;
  }
  if (mine !== generation) return;
  if (r.ok) showResult(r);
  else showFailure(r);
  const names = roles.map((role) => files[role].name).join(', ');
  if (r.ok) say(`Scored in this browser from ${names}. Nothing was sent anywhere.`, 'good');
  else say(`Read ${names} in this browser: the tender cannot be scored — see the issues below.`, 'bad');
  result.dataset.state = r.ok ? 'done' : 'failed';
}

/** The file last chosen on each input, to put back when the file dialog is cancelled. */
const chosen = new Map();

async function onChosen(event) {
  const input = event.target;
  const role = input.dataset.role;
  const file = input.files?.[0];
  if (file) {
    chosen.set(role, file);
    await use(role, file);
  } else {
    chosen.delete(role);
    delete files[role];
  }
  await run();
}

// Browsers fire no change when the same file is chosen again (say, after fixing it), so the
// input is emptied as the dialog opens, and given its file back if the dialog is cancelled.
function onOpen(event) {
  event.target.value = '';
}

function onCancel(event) {
  const role = event.target.dataset.role;
  const file = chosen.get(role);
  if (file) showOnInput(role, file);
}

async function onDrop(event) {
  event.preventDefault();
  document.body.classList.remove('dragging');
  const dropped = [...(event.dataTransfer?.files ?? [])];
  const unknown = [];
  for (const file of dropped) {
    const text = lib.decodeText(await file.arrayBuffer());
    const role = await classifyFile(file.name, text);
    if (!role) {
      unknown.push(file.name);
      continue;
    }
    files[role] = { name: file.name, text };
    showOnInput(role, file);
  }
  await run();
  if (unknown.length)
    say(
      `Could not tell what ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'}: choose ${unknown.length > 1 ? 'them' : 'it'} with the file inputs above.`,
      'bad',
    );
}

async function loadExample() {
  say('Loading the example tender…');
  const names = { model: 'model.json', bids: 'bids.csv', scores: 'scores.csv', gates: 'gates.csv' };
  try {
    const loaded = await Promise.all(
      Object.entries(names).map(async ([role, name]) => {
        const res = await fetch(new URL(`../tender/${name}`, import.meta.url));
        if (!res.ok) throw new Error(`${name}: ${res.status} ${res.statusText}`);
        return [role, new File([await res.arrayBuffer()], name)];
      }),
    );
    for (const role of ROLES) delete files[role];
    chosen.clear();
    $('files').reset();
    for (const [role, file] of loaded) {
      await use(role, file);
      showOnInput(role, file);
    }
  } catch (e) {
    say(`The example could not be loaded (${e instanceof Error ? e.message : String(e)}).`, 'bad');
    return;
  }
  await run();
}

function save(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

if (lib) {
  for (const input of document.querySelectorAll('input[type=file]')) {
    input.addEventListener('change', onChosen);
    input.addEventListener('click', onOpen);
    input.addEventListener('cancel', onCancel);
  }
  $('example').addEventListener('click', loadExample);
  $('clear').addEventListener('click', async () => {
    for (const role of ROLES) delete files[role];
    chosen.clear();
    $('files').reset();
    await run();
  });
  $('save-report').addEventListener('click', () => save(savedReport, 'evaluation.html', 'text/html'));
  $('save-json').addEventListener('click', () => save(savedJson, 'evaluation.json', 'application/json'));
  $('report').addEventListener('load', fitReport);
  window.addEventListener('resize', fitReport);
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', onDrop);
  ready();
}

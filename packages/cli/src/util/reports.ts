import type { Issue } from '@commonweal/core/issues';
import {
  type Block,
  barChart,
  fmtMoney,
  fmtNumber,
  fmtPercent,
  type ReportDocument,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from '@commonweal/report';

// Reports for the commands whose results have no renderer of their own in @commonweal/report:
// each is a ReportDocument built from the command's JSON contract (so the report says what
// --format json says), rendered to self-contained HTML (with an SVG chart) or to Markdown by
// report's document renderer, which escapes every piece of text.

type J = Record<string, unknown>;
const o = (v: unknown): J => (v && typeof v === 'object' ? (v as J) : {});
const s = (v: unknown): string => (v === null || v === undefined ? '–' : String(v));
const a = (v: unknown): J[] => (Array.isArray(v) ? (v as J[]) : []);
const money = (v: unknown, currency = 'GBP') =>
  v === null || v === undefined ? '–' : fmtMoney(String(v), currency);
const num = (v: unknown, places?: number) =>
  v === null || v === undefined ? '–' : fmtNumber(String(v), places);
const pct = (v: unknown, places = 1) => (v === null || v === undefined ? '–' : fmtPercent(String(v), places));

function issuesBlock(issues: readonly Issue[]): Block[] {
  if (!issues.length) return [];
  const where = (i: Issue) =>
    [i.file, i.line, i.column].filter((x) => x !== undefined).join(':') + (i.field ? ` ${i.field}` : '');
  return [
    {
      type: 'section',
      title: 'Issues',
      body: [
        {
          type: 'table',
          caption: 'Issues met while reading the inputs',
          headers: ['where', 'severity', 'code', 'message'],
          rows: issues.slice(0, 200).map((i) => [where(i) || '–', i.severity ?? 'error', i.code, i.message]),
        },
      ],
    },
  ];
}

/** A report document rendered as the `--report` file's extension asks. */
export function documentReport(doc: () => ReportDocument): { html: () => string; md: () => string } {
  return { html: () => renderDocumentHtml(doc()), md: () => renderDocumentMarkdown(doc()) };
}

/**
 * The WELLBY valuation report: key figures, low/central/high, the discount factor per year and
 * a chart of present value by scenario.
 *
 * @example
 * ```ts
 * writeReport(io, values.report, documentReport(() => wellbeingDocument(wellbeingJson(outcome))), quiet);
 * ```
 */
export function wellbeingDocument(json: J): ReportDocument {
  const opt = o(json.options);
  const scen = ['low', 'central', 'high'] as const;
  const rows: [string, string][] = [
    ['WELLBY value', 'wellbyValue'],
    ['Value per person per year', 'perPersonPerYear'],
    ['Undiscounted value', 'undiscounted'],
    ['Present value', 'presentValue'],
  ];
  return {
    title: 'Wellbeing (WELLBY) valuation',
    description: `${s(json.wellbys)} WELLBYs: central present value ${money(o(json.central).presentValue)}`,
    blocks: [
      {
        type: 'keyFigures',
        figures: [
          {
            label: 'WELLBYs',
            value: num(json.wellbys),
            note: `${s(opt.people)} people × ${s(opt.deltaLifeSatisfaction)} × ${s(opt.years)} years`,
          },
          {
            label: 'Present value (central)',
            value: money(o(json.central).presentValue),
            note: `${s(opt.priceYear)} prices`,
          },
          {
            label: 'Range (low – high)',
            value: `${money(o(json.low).presentValue)} – ${money(o(json.high).presentValue)}`,
          },
        ],
      },
      {
        type: 'table',
        caption: `Low, central and high values (${s(opt.priceYear)} prices)`,
        headers: ['', 'low', 'central', 'high'],
        rows: rows.map(([label, key]) => [label, ...scen.map((k) => money(o(json[k])[key]))]),
        align: ['left', 'right', 'right', 'right'],
      },
      {
        type: 'figure',
        svg: barChart({
          title: 'Present value by scenario',
          description: 'Present value of the wellbeing change for the low, central and high WELLBY values.',
          bars: scen.map((k) => ({ label: k, value: String(o(json[k]).presentValue) })),
          format: (d) => fmtMoney(d),
        }),
        caption: 'Present value by scenario',
        description: 'The numbers are in the table above.',
      },
      {
        type: 'table',
        caption: `Discount factors (${s(o(opt.discounting).name)}, base year ${s(opt.baseYear)})`,
        headers: ['year', 't', 'discount factor'],
        rows: a(json.years).map((y) => [s(y.year), s(y.t), num(y.discountFactor, 6)]),
        align: ['right', 'right', 'right'],
      },
      {
        type: 'list',
        items: [`WELLBY value: ${s(opt.wellbySource)}.`, `Inputs sha256 ${s(o(json.inputs).sha256)}.`],
      },
      ...issuesBlock(a(json.issues) as unknown as Issue[]),
    ],
  };
}

/**
 * The LM3 report: the ratio, each round with its parts, a chart of the three rounds, the spend
 * file's figures when round 2 came from one, and the issues (a partial round 3 is said so).
 *
 * @example
 * ```ts
 * writeReport(io, values.report, documentReport(() => lm3Document(lm3Json(outcome))), quiet);
 * ```
 */
export function lm3Document(json: J): ReportDocument {
  const r = o(json.rounds);
  const [r1, r2, r3] = [o(r.round1), o(r.round2), o(r.round3)];
  const spend = o(json.spend);
  const partial = json.status === 'partial' || String(json.label ?? '').includes('partial');
  return {
    title: 'LM3 (Local Multiplier 3)',
    description: `${s(json.label)} ${s(json.lm3Rounded)}: every £1 is worth £${s(json.lm3Rounded)} to the local economy`,
    blocks: [
      {
        type: 'keyFigures',
        figures: [
          { label: s(json.label), value: s(json.lm3Rounded), note: 'range 1 to 3' },
          { label: 'Round 1: income', value: money(r1.amount) },
          { label: 'Round 2: spent locally', value: money(r2.amount) },
          { label: 'Round 3: re-spent locally', value: money(r3.amount) },
        ],
      },
      ...(partial
        ? [
            {
              type: 'callout' as const,
              kind: 'warning' as const,
              title: 'Partial result',
              body: [
                {
                  type: 'paragraph' as const,
                  text: 'Round 3 was not surveyed in full: see the issues below.',
                },
              ],
            },
          ]
        : []),
      {
        type: 'table',
        caption: 'The three rounds',
        headers: ['round', 'what', 'amount'],
        rows: [
          ['Round 1', 'income spent (contract value or budget)', money(r1.amount)],
          ['Round 2', 'spent locally: local suppliers', money(r2.suppliers)],
          ['', 'spent locally: local staff', money(r2.staff)],
          ['', 'round 2 total', money(r2.amount)],
          ['Round 3', 'local re-spend by those suppliers and staff', money(r3.amount)],
          ['', 'of which surveyed / extrapolated', `${money(r3.surveyed)} / ${money(r3.extrapolated)}`],
        ],
        align: ['left', 'left', 'right'],
      },
      {
        type: 'figure',
        svg: barChart({
          title: 'LM3 rounds',
          description: 'Income (round 1), its local spend (round 2) and local re-spend (round 3).',
          bars: [
            { label: 'Round 1', value: s(r1.amount) },
            { label: 'Round 2', value: s(r2.amount) },
            { label: 'Round 3', value: s(r3.amount) },
          ].filter((b) => b.value !== '–'),
          format: (d) => fmtMoney(d),
        }),
        caption: 'LM3 rounds',
        description: 'The numbers are in the table above.',
      },
      ...(json.spend
        ? [
            {
              type: 'paragraph' as const,
              text: `Round 2 suppliers from the spend file: ${money(o(spend.local).amount)} local of ${money(o(spend.total).amount)} in scope (${pct(o(spend.local).share)}); rows ${s(o(spend.rows).read)} read, ${s(o(spend.rows).accepted)} accepted, ${s(o(spend.rows).rejected)} rejected.`,
            },
          ]
        : []),
      {
        type: 'list',
        items: [
          `LM3 = (round 1 + round 2 + round 3) ÷ round 1 = ${s(json.lm3)}, shown rounded to ${s(json.lm3Rounded)}.`,
          'Method: New Economics Foundation, The Money Trail (2002).',
          `Inputs sha256 ${s(o(json.inputs).sha256)}.`,
        ],
      },
      ...issuesBlock(a(json.issues) as unknown as Issue[]),
    ],
  };
}

/**
 * The community priorities report: overall weights (a chart and a table with every group),
 * agreement within each group (Kendall's W), how groups were weighted, and — with `--apply-to`
 * or `--valuation` — what the weights were used for.
 *
 * @example
 * ```ts
 * writeReport(io, values.report, documentReport(() => prioritiesDocument(prioritiesJson(outcome))), quiet);
 * ```
 */
export function prioritiesDocument(json: J): ReportDocument {
  const overall = o(json.overall);
  const groups = o(json.groups);
  const names = Object.keys(groups).sort();
  const items = a(overall.ranking);
  const agreement = (w: J) => {
    const ag = o(w.agreement);
    return ag.w === null || ag.w === undefined ? 'not defined' : num(ag.w, 3);
  };
  const applied = o(json.applied);
  return {
    title: 'Community priorities',
    description: `Priority weights from ${s(overall.respondents)} respondents in ${names.length} groups`,
    blocks: [
      {
        type: 'keyFigures',
        figures: [
          { label: 'Respondents', value: s(overall.respondents), note: `${names.length} stakeholder groups` },
          { label: 'Top priority', value: s(items[0]?.item), note: `weight ${s(items[0]?.weight)}` },
          { label: "Agreement (Kendall's W)", value: agreement(overall), note: '0 none, 1 complete' },
        ],
      },
      {
        type: 'figure',
        svg: barChart({
          title: 'Overall priority weights',
          description: 'Weights out of 100 from the survey, most important first.',
          bars: items.map((i) => ({ label: s(i.item), value: s(i.weight) })),
          unit: 'points',
        }),
        caption: 'Overall priority weights',
        description: 'The numbers are in the table below.',
      },
      {
        type: 'table',
        caption: 'Weights out of 100, overall and by stakeholder group',
        headers: ['item', 'overall', ...names],
        rows: items.map((i) => [
          `${s(i.rank)}. ${s(i.item)}`,
          s(i.weight),
          ...names.map((g) => s(o(o(groups[g]).weights)[s(i.item)])),
        ]),
        align: ['left', 'right', ...names.map(() => 'right' as const)],
      },
      {
        type: 'table',
        caption: 'Groups and agreement',
        headers: ['group', 'respondents', 'share of the overall weights', "Kendall's W"],
        rows: names.map((g) => [
          g,
          s(o(groups[g]).respondents),
          pct(o(json.groupShares)[g]),
          agreement(o(groups[g])),
        ]),
        align: ['left', 'right', 'right', 'right'],
      },
      {
        type: 'list',
        items: [
          `Method: ${s(json.method)} (${s(json.scoring)}); groups weighted ${s(json.groupWeighting)}; weights rounded to ${s(json.precision)} places by largest remainder so they sum to 100.`,
          `Survey sha256 ${s(o(json.survey).hash)}; rows ${s(o(json.rows).read)} read, ${s(o(json.rows).accepted)} accepted, ${s(o(json.rows).rejected)} rejected.`,
          ...(json.applied
            ? [
                `Weights applied to criterion ${s(applied.criterion)} of model ${s(o(applied.model).id)}: ${s(applied.note)}`,
              ]
            : []),
          ...(json.valuation
            ? [`Priority-weighted view of ${s(o(json.valuation).file)}: ${s(o(json.valuation).note)}`]
            : []),
        ],
      },
      ...issuesBlock(a(json.issues) as unknown as Issue[]),
    ],
  };
}

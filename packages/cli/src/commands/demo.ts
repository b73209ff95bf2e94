import { join, resolve } from 'node:path';
import type { Command } from '../command';
import { DEMO_FILES } from '../demo/data';
import { type CliIO, writeText } from '../util/io';
import { findWorkbench } from './serve';

/** One step of the demo: a command line run on the example inputs. */
export interface DemoStep {
  title: string;
  argv: string[];
}

// The spend file, supplier register and local area that the spend and LM3 flows share.
const SPEND_INPUTS = [
  '--spend',
  'inputs/spend/spend.csv',
  '--suppliers',
  'inputs/spend/suppliers.csv',
  '--local',
  'EX1,EX2,EX4',
];

/**
 * The demo's steps, with paths relative to the demo folder. Each step runs a real command on
 * the example data written into `inputs/`.
 *
 * @example
 * ```ts
 * demoSteps().map((s) => s.argv.join(' '));
 * ```
 */
export function demoSteps(): DemoStep[] {
  const flows: {
    name: string;
    title: string;
    needs: string[];
    argv: string[];
    formats: string[];
    /** Added to the first step: the HTML report and any extra outputs. */
    extra?: string[];
  }[] = [
    {
      name: 'tender',
      title: 'Tender evaluation',
      needs: ['tender/model.json', 'tender/bids.csv', 'tender/scores.csv', 'tender/gates.csv'],
      argv: [
        'evaluate',
        '--model',
        'inputs/tender/model.json',
        '--bids',
        'inputs/tender/bids.csv',
        '--scores',
        'inputs/tender/scores.csv',
        '--gates',
        'inputs/tender/gates.csv',
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'tender.html', '--summaries', 'summaries'],
    },
    {
      name: 'monitoring',
      title: 'Delivery monitoring of the winning bid',
      needs: [
        'tender/commitments.csv',
        'tender/returns.csv',
        'tender/milestones.csv',
        'valuation/measures.csv',
      ],
      argv: [
        'monitor',
        '--commitments',
        'inputs/tender/commitments.csv',
        '--bid',
        'B1',
        '--outcomes',
        'inputs/tender/returns.csv',
        '--milestones',
        'inputs/tender/milestones.csv',
        '--start',
        '2026-04-01',
        '--end',
        '2028-03-31',
        '--as-of',
        '2027-03-31',
        '--framework',
        'inputs/valuation/measures.csv',
      ],
      formats: ['table', 'json'],
      extra: ['--report', 'monitoring.html'],
    },
    {
      name: 'valuation',
      title: 'Social value of a bid',
      needs: ['valuation/measures.csv', 'valuation/commitments.csv'],
      argv: [
        'value',
        '--framework',
        'inputs/valuation/measures.csv',
        '--entries',
        'inputs/valuation/commitments.csv',
        '--contract-value',
        '2400000',
        '--investment',
        '150000',
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'valuation.html'],
    },
    {
      name: 'doughnut',
      title: 'Doughnut portrait of a place',
      needs: ['doughnut/indicators.csv'],
      // the published dimension set: every dimension is drawn, those without data as "no data"
      argv: [
        'doughnut',
        '--indicators',
        'inputs/doughnut/indicators.csv',
        '--dimensions',
        'fanning-raworth-2025',
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'doughnut.html'],
    },
    {
      name: 'doughnut-over-time',
      title: 'Doughnut of a place over time',
      needs: ['doughnut/indicators-over-time.csv'],
      argv: ['doughnut', '--indicators', 'inputs/doughnut/indicators-over-time.csv'],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'doughnut-over-time.html'],
    },
    {
      name: 'downscale',
      title: 'Boundaries shared out to a place per person',
      needs: ['doughnut/boundaries.csv'],
      // constructed population; the per-capita boundaries are doughnut-v3's (2017)
      argv: [
        'downscale',
        '--boundaries',
        'inputs/doughnut/boundaries.csv',
        '--population',
        '250000',
        '--population-year',
        '2023',
        '--population-source',
        'constructed example (not a statistic)',
        '--place',
        'Example Borough',
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'downscale.html'],
    },
    {
      name: 'carbon',
      title: 'Carbon cost of a contract',
      needs: ['carbon/emissions.csv'],
      argv: ['carbon', '--emissions', 'inputs/carbon/emissions.csv', '--social-value-pv', '548302.92'],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'carbon.html'],
    },
    {
      name: 'carbon-budget',
      title: "A place's carbon budget: status, rate needed, year it runs out",
      needs: ['carbon/place-budget.json', 'carbon/place-emissions.csv'],
      argv: [
        'carbon-budget',
        '--budget',
        'inputs/carbon/place-budget.json',
        '--emissions',
        'inputs/carbon/place-emissions.csv',
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'carbon-budget.html'],
    },
    {
      name: 'spend',
      title: 'Local spend analysis',
      needs: ['spend/spend.csv', 'spend/suppliers.csv'],
      argv: ['spend', ...SPEND_INPUTS],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'spend.html'],
    },
    {
      name: 'lm3',
      title: 'Local Multiplier 3 from the spend analysis',
      needs: ['spend/spend.csv', 'spend/suppliers.csv'],
      argv: ['lm3', ...SPEND_INPUTS, '--round1', '500000', '--supplier-respend', '0.4'],
      formats: ['table', 'json'],
    },
    {
      name: 'priorities',
      title: 'Community priorities',
      needs: ['priorities/survey.csv'],
      argv: ['priorities', '--survey', 'inputs/priorities/survey.csv', '--groups', 'equal'],
      formats: ['table', 'md', 'json'],
    },
    {
      name: 'portfolio',
      title: 'Social value across the council’s contracts',
      needs: ['portfolio/manifest.csv', 'valuation/measures.csv'],
      argv: [
        'portfolio',
        '--manifest',
        'inputs/portfolio/manifest.csv',
        '--as-of',
        '2027-03-31',
        '--framework',
        'inputs/valuation/measures.csv',
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'portfolio.html'],
    },
    {
      name: 'plan',
      title: 'Progress of the community’s plan',
      needs: ['plan/plan.json'],
      // reads the JSON results the steps above wrote
      argv: [
        'plan',
        'inputs/plan/plan.json',
        '--as-of',
        '2027-03-31',
        ...['valuation', 'spend', 'lm3', 'doughnut', 'carbon', 'priorities', 'portfolio'].flatMap((n) => [
          '--from',
          `${n}.json`,
        ]),
      ],
      formats: ['table', 'md', 'json'],
      extra: ['--report', 'plan.html'],
    },
  ];
  const ext: Record<string, string> = { table: 'txt', md: 'md', json: 'json', html: 'html' };
  const steps: DemoStep[] = [];
  for (const flow of flows) {
    if (!flow.needs.every((p) => p in DEMO_FILES)) continue;
    for (const [i, format] of flow.formats.entries()) {
      steps.push({
        title: `${flow.title} (${format === 'table' ? 'table' : format === 'md' ? 'Markdown' : format.toUpperCase()})`,
        argv: [
          ...flow.argv,
          ...(format === 'table' ? [] : ['--format', format]),
          '--out',
          `${flow.name}.${ext[format]}`,
          ...(i === 0 ? (flow.extra ?? []) : []),
        ],
      });
    }
  }
  return steps;
}

/** How to open the commissioner's workbench when it is built (`pnpm build` builds it). */
function workbenchLines(cwd: string): string[] {
  const site = findWorkbench(cwd);
  if (!site) return [];
  return [
    `The commissioner's workbench (build, score and moderate a tender in the browser) is built in ${site}.`,
    'Open it with `node packages/cli/dist/bin.js serve` (or `commonweal serve`): it prints the address on 127.0.0.1.',
    '',
  ];
}

/**
 * `commonweal demo`: runs every flow on built-in example data and writes the results to
 * `./commonweal-demo/` (or `--dir`), then prints where they are.
 *
 * @example
 * ```sh
 * commonweal demo --dir /tmp/demo
 * ```
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run every flow on built-in example data and write the reports to ./commonweal-demo/',
  usage: 'commonweal demo [--dir DIR]',
  options: {
    dir: {
      type: 'string',
      short: 'd',
      value: 'DIR',
      description: 'Folder to write to (default ./commonweal-demo)',
    },
  },
  examples: ['commonweal demo', 'commonweal demo --dir /tmp/commonweal-demo'],
  async run({ values }, io) {
    // Imported lazily: the command list imports this module.
    const { run } = await import('../cli');
    const dir = typeof values.dir === 'string' ? values.dir : 'commonweal-demo';
    const root = resolve(io.cwd, dir);
    for (const [path, text] of Object.entries(DEMO_FILES)) writeText(io, join(dir, 'inputs', path), text);
    const quiet = Boolean(values.quiet);
    let worst = 0;
    const written: string[] = [];
    for (const step of demoSteps()) {
      const errors: string[] = [];
      const sub: CliIO = { ...io, cwd: root, stdout: () => {}, stderr: (t) => errors.push(t) };
      const code = await run([...step.argv, '--quiet'], sub);
      worst = Math.max(worst, code);
      const outIndex = step.argv.indexOf('--out');
      const out = outIndex >= 0 ? step.argv[outIndex + 1] : undefined;
      if (out) written.push(`  ${join(dir, out).padEnd(44)} ${step.title}${code ? ` (exit ${code})` : ''}`);
      const report = step.argv[step.argv.indexOf('--report') + 1];
      if (step.argv.includes('--report') && report)
        written.push(`  ${join(dir, report).padEnd(44)} ${step.title.replace(/ \(.*\)$/, '')} — HTML report`);
      const summaries = step.argv[step.argv.indexOf('--summaries') + 1];
      if (step.argv.includes('--summaries') && summaries)
        written.push(`  ${`${join(dir, summaries)}/`.padEnd(44)} Assessment summaries, one per bidder`);
      if (code > 1) io.stderr(`demo step failed: commonweal ${step.argv.join(' ')}\n${errors.join('')}`);
    }
    if (!quiet) {
      io.stdout(
        [
          `Commonweal demo: example inputs in ${join(dir, 'inputs')}/, results written:`,
          ...written,
          '',
          `Open the .html reports in a browser (they are self-contained and print well); every figure's trace is in the JSON.`,
          '',
          ...workbenchLines(io.cwd),
        ].join('\n'),
      );
    }
    return worst > 1 ? worst : 0;
  },
};

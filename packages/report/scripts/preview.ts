/**
 * Dev preview (not published): writes a demo page of every primitive to /tmp/report-preview.html.
 * Run: `npx tsx packages/report/scripts/preview.ts`. All values are illustrative, not published figures.
 */
import { writeFileSync } from 'node:fs';
import {
  barChart,
  callout,
  dataTable,
  definitionList,
  doughnutChart,
  figure,
  fmtMoney,
  fmtScore,
  heading,
  htmlDocument,
  keyFigures,
  lineChart,
  paragraph,
  section,
  sensitivityChart,
  stackedBarChart,
} from '../src/index';

const social = [
  ['food', 'Food', '0.12'],
  ['health', 'Health', '0.07'],
  ['education', 'Education', '0.2'],
  ['income-and-work', 'Income and work', '0.35'],
  ['peace-and-justice', 'Peace and justice', '0.25'],
  ['political-voice', 'Political voice', '0.48'],
  ['equality', 'Equality', null],
  ['social-cohesion', 'Social cohesion', '0.18'],
  ['connectivity', 'Connectivity', '0.04'],
  ['housing', 'Housing', '0.22'],
  ['energy', 'Energy', '0'],
  ['water', 'Water', '0.09'],
] as const;
const ecological = [
  ['climate-change', 'Climate change', '0.62'],
  ['ocean-acidification', 'Ocean acidification', '0.31'],
  ['chemical-pollution', 'Chemical pollution', null],
  ['nutrient-pollution', 'Nutrient pollution', '1.6'],
  ['freshwater-disruption', 'Freshwater disruption', '0.12'],
  ['land-conversion', 'Land conversion', '0.55'],
  ['biodiversity-breakdown', 'Biodiversity breakdown', '3.2'],
  ['air-pollution', 'Air pollution', '0'],
  ['ozone-depletion', 'Ozone depletion', '-0.03'],
] as const;

const doughnut = doughnutChart({
  title: 'Doughnut of social and planetary boundaries (illustrative)',
  description:
    'Illustrative values only: several social dimensions fall short and most ecological ceilings are overshot.',
  social: social.map(([id, label, shortfall]) => ({ id, label, shortfall })),
  ecological: ecological.map(([id, label, overshoot]) => ({ id, label, overshoot })),
});

const bars = barChart({
  title: 'Net social value by theme',
  description: 'Jobs contribute most; the carbon theme is negative (a cost).',
  bars: [
    { label: 'Local jobs for people facing barriers to work', value: '182500.50' },
    { label: 'Apprenticeships', value: '64200' },
    { label: 'Carbon emissions', value: '-38250.25', note: 'estimated' },
    { label: 'Volunteering', value: '0' },
    { label: '<script>alert("x")</script> & co', value: '1200' },
  ],
  format: (v) => fmtMoney(v),
});

const stacked = stackedBarChart({
  title: 'Weighted score by criterion (out of 100)',
  description: 'Bid B has the highest total, mostly from quality.',
  series: [
    { id: 'price', label: 'Price (40%)' },
    { id: 'quality', label: 'Quality (45%)' },
    { id: 'social', label: 'Social value (15%)' },
  ],
  categories: [
    {
      label: 'Bid A: Northern Care Co-operative',
      segments: [
        { series: 'price', value: '40' },
        { series: 'quality', value: '27' },
        { series: 'social', value: '6.75' },
      ],
    },
    {
      label: 'Bid B',
      segments: [
        { series: 'quality', value: '40.5' },
        { series: 'price', value: '31.2' },
        { series: 'social', value: '12' },
      ],
    },
    {
      label: 'Bid C',
      segments: [
        { series: 'price', value: '35.5' },
        { series: 'quality', value: '18' },
        { series: 'social', value: '1.5' },
      ],
    },
  ],
  max: 100,
});

const line = lineChart({
  title: 'Present value of benefits by year',
  description: 'Discounted value of each scenario falls over time.',
  xLabel: 'Year',
  yLabel: 'Present value (£)',
  series: [
    {
      label: 'Central',
      points: [2025, 2026, 2027, 2028, 2029, 2030].map((x, i) => ({ x, y: String(10000 * 0.966 ** i) })),
    },
    {
      label: 'High',
      points: [2025, 2026, 2027, 2028, 2029, 2030].map((x, i) => ({ x, y: String(12500 * 0.95 ** i) })),
    },
    {
      label: 'Low',
      points: [2025, 2026, 2027, 2028, 2029, 2030].map((x, i) => ({ x, y: String(7000 * 0.93 ** i) })),
    },
  ],
});

const sensitivity = sensitivityChart({
  title: 'How far can each weight move before the winner changes?',
  description:
    'Price would have to rise from 40% to 57.14% for Bid A to win; social value cannot change the winner.',
  rows: [
    { label: 'Price', current: 40, flipsAt: '57.14', note: 'Bid A leads above it' },
    { label: 'Quality', current: 45, flipsAt: '31.5', note: 'Bid A leads below it' },
    { label: 'Social value', current: 15, flipsAt: null },
    { label: 'Delivery', current: 2, flipsAt: '98.5' },
  ],
});

const body = [
  heading(1, 'Commonweal report primitives'),
  paragraph('Every chart and block below comes from @commonweal/report. Values are illustrative.', {
    lead: true,
  }),
  keyFigures([
    { label: 'Bids received', value: '3' },
    { label: 'Highest score', value: fmtScore('83.7'), note: 'Bid B' },
    { label: 'Net social value', value: fmtMoney('208450.25'), note: '2024 prices, discounted' },
  ]),
  callout(
    'info',
    paragraph('Scores are rounded half-up to 2 decimal places for display; ranking uses full precision.'),
  ),
  callout(
    'warning',
    paragraph('Bid C’s social value commitments were not evidenced.'),
    'Unevidenced commitments',
  ),
  callout('danger', paragraph('Bid D was excluded at the pass/fail gate.'), 'Excluded bid'),
  section({ title: 'Doughnut', body: figure(doughnut, 'Figure 1. Doughnut (illustrative values).') }),
  section({
    title: 'Scores',
    body:
      figure(stacked, 'Figure 2. Weighted scores.') +
      dataTable({
        caption: 'Weighted scores by bid',
        headers: ['Bid', 'Price', 'Quality', 'Social value', 'Total'],
        rows: [
          ['Bid A', '40.00', '27.00', '6.75', '73.75'],
          ['Bid B', '31.20', '40.50', '12.00', '83.70'],
          ['Bid C', '35.50', '18.00', '1.50', '55.00'],
        ],
        footer: [['Maximum', '40.00', '45.00', '15.00', '100.00']],
      }),
  }),
  section({ title: 'Sensitivity', body: figure(sensitivity) }),
  section({ title: 'Value', body: figure(bars) + figure(line) }),
  section({
    title: 'Terms',
    body: definitionList([
      { term: 'Shortfall', description: 'How far a social dimension falls below the social foundation.' },
      {
        term: 'Overshoot',
        description: 'How far an ecological dimension goes beyond the ecological ceiling.',
      },
    ]),
  }),
].join('\n');

writeFileSync(
  '/tmp/report-preview.html',
  htmlDocument({ title: 'Commonweal report preview', body, description: 'Demo of every primitive' }),
);
console.log('wrote /tmp/report-preview.html');

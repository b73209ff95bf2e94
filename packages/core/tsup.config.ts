import { packageConfig } from '../../tsup.base';

const subpaths = [
  'money',
  'issues',
  'trace',
  'framework',
  'valuation',
  'limits',
  'economy',
  'procurement',
  'plan',
];
export default packageConfig({
  index: 'src/index.ts',
  ...Object.fromEntries(subpaths.map((s) => [`${s}/index`, `src/${s}/index.ts`])),
});

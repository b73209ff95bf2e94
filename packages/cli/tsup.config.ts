import { packageConfig } from '../../tsup.base';

export default packageConfig(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  { banner: ({ format }) => (format === 'esm' ? {} : {}) },
);

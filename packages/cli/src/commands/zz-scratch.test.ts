import { it } from 'vitest';
import { runCli } from '../test/harness';
it('x', async () => {
  const args = (process.env.ARGS ?? '').split(' ');
  const r = await runCli(args);
  console.log('CODE', r.code);
  console.log(r.stdout);
  console.log('STDERR', r.stderr);
});

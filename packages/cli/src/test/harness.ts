import { fileURLToPath } from 'node:url';
import { run } from '../cli';
import type { CliIO } from '../util/io';

/** The repository root, for running examples in tests. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs the CLI in-process and captures its output. */
export async function runCli(
  argv: string[],
  cwd = ROOT,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    isTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

import { fileURLToPath } from 'node:url';
import { run } from '../cli';
import type { CliIO, InputLimits } from '../util/io';

/** The repository root, for running examples in tests. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs the CLI in-process and captures its output; `stdin` is what `-` reads. */
export async function runCli(
  argv: string[],
  cwd = ROOT,
  input: { stdin?: Uint8Array | string; limits?: Partial<InputLimits> } = {},
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
  if (input.stdin !== undefined) io.stdin = [input.stdin];
  if (input.limits !== undefined) io.limits = input.limits;
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

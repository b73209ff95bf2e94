#!/usr/bin/env node
import { run } from './cli';

// A reader that stops early (`commonweal value … | head`) closes the pipe: stop quietly, as
// Unix tools do, rather than with Node's stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    if (stream === process.stdout) process.stderr.write(`commonweal: cannot write the output (${e.code})\n`);
    process.exit(3);
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`commonweal: ${String(e)}\n`);
    process.exitCode = 3;
  },
);

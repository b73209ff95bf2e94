#!/usr/bin/env node
import { run } from './cli';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`commonweal: ${String(e)}\n`);
    process.exitCode = 3;
  },
);

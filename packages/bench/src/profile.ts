// Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
// the most inclusive time. Usage:
//   node --cpu-prof --cpu-prof-dir=.data/prof dist/job.js valuation .data/entries-200000-s20260101.csv
//   node --import tsx src/profile.ts .data/prof/CPU.*.cpuprofile [top]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile.ts FILE.cpuprofile [top]');
const top = Number(topArg ?? 25);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
p.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

const name = (n: Node) => {
  const url = n.callFrame.url.replace(/^.*\/(packages|node_modules)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const selfBy = new Map<string, number>();
const inclBy = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id) as Node;
  selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + t);
  // inclusive: once per distinct frame on the stack
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur) as Node);
    if (seen.has(k)) continue;
    seen.add(k);
    inclBy.set(k, (inclBy.get(k) ?? 0) + t);
  }
}
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`${title} (of ${(total / 1000).toFixed(0)} ms)\n`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${((t / total) * 100).toFixed(1).padStart(6)} %  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}\n`,
    );
  }
};
show('self time', selfBy);
show('inclusive time', inclBy);

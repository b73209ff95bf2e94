import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from '../command';
import { DEMO_FILES } from '../demo/data';
import { UsageError, writeText } from '../util/io';

const TENDER_FILES = ['model.json', 'bids.csv', 'scores.csv', 'gates.csv'] as const;

/** The commissioner's README written by `commonweal init tender`. */
export function tenderReadme(dir: string): string {
  return `# Tender evaluation

This folder holds a ready-to-edit tender evaluation for Commonweal. Edit the files, then run:

\`\`\`sh
commonweal validate ${dir}/model.json ${dir}/bids.csv ${dir}/scores.csv ${dir}/gates.csv
commonweal evaluate --model ${dir}/model.json --bids ${dir}/bids.csv --scores ${dir}/scores.csv \\
  --gates ${dir}/gates.csv --report ${dir}/evaluation.html --summaries ${dir}/summaries
\`\`\`

## 1. Publish the method first: \`model.json\`

The Procurement Act 2023 (s23(3)) asks you to say, before bids arrive, how tenders will be
assessed: the criteria, their relative importance and whether failing one disqualifies.
\`model.json\` is that method. Each criterion has an \`id\`, a \`title\`, a \`weight\` (a percentage
of its parent; siblings sum to 100) and a \`type\`:

- \`price\` with a \`method\` (\`lowest-ratio\` is the UK default: max × lowest price ÷ this price);
- \`quality\` with a \`scale\` (levels with descriptors, or \`{ "max": N }\`) and an optional \`minimum\`;
- \`social-value\`, scored like quality (\`mode: "qualitative"\`, as the UK Social Value Model does)
  or from the £ value of the bid's commitments (\`mode: "quantitative"\`);
- \`pass-fail\` gates (no weight): a fail disqualifies, with its reason;
- \`group\` to nest criteria.

\`tieBreak\`, \`moderation\` (\`mean\` or \`median\`) and \`abnormallyLow\` (a share of the mean or median
compliant price below which a price is flagged for the supplier to explain) are set here too.

## 2. The bids: \`bids.csv\`

One row per bid: \`bid,bidder,price\`. Prices are read exactly (\`£1,234.50\` is fine).

## 3. The evaluators' scores: \`scores.csv\`

One row per evaluator, bid and criterion: \`bid,criterion,evaluator,score,comment\`. Write the
reason for every score in \`comment\`: it goes into the assessment summary each bidder receives.
An agreed moderated score is a row with evaluator \`moderated\` (its comment is the moderation
reason). Scores off the scale are reported, never guessed.

## 4. The gates: \`gates.csv\`

\`bid,criterion,result,reason\` with result \`pass\` or \`fail\`.

## What you get

The ranking (compared at full precision, ties broken as published), every score's trace, flags
(divergent evaluators, abnormally low prices), how far each top-level weight would have to move
before the winner changes, an HTML report, and one assessment summary per bidder (Procurement Act
2023 s50; Procurement Regulations 2024 reg 31).
`;
}

/**
 * `commonweal init tender DIR`: writes a ready-to-edit tender (model.json, bids.csv,
 * scores.csv, gates.csv and a README for the commissioner), from the built-in example.
 *
 * @example
 * ```sh
 * commonweal init tender my-tender
 * ```
 */
export const initCommand: Command = {
  name: 'init',
  summary: 'Write a ready-to-edit starting point: `init tender DIR`',
  usage: 'commonweal init tender DIR [--force]',
  positionals: [
    { name: 'what', required: true, description: 'What to create: tender' },
    { name: 'dir', required: true, description: 'Folder to write into (created if missing)' },
  ],
  options: {
    force: { type: 'boolean', description: 'Overwrite files that already exist' },
  },
  examples: ['commonweal init tender my-tender', 'commonweal init tender tenders/home-care-2027 --force'],
  async run({ values, positionals }, io) {
    const [what, dir] = positionals as [string, string];
    if (what !== 'tender') throw new UsageError(`init can create: tender (got '${what}')`);
    const files: [string, string][] = TENDER_FILES.map((f) => {
      const text = DEMO_FILES[`tender/${f}`];
      if (text === undefined) throw new UsageError(`the built-in tender example has no ${f}`);
      return [f, text];
    });
    files.push(['README.md', tenderReadme(dir)]);
    const clashes = files.filter(([f]) => existsSync(resolve(io.cwd, dir, f))).map(([f]) => f);
    if (clashes.length && !values.force) {
      throw new UsageError(`${dir} already has ${clashes.join(', ')}; use --force to overwrite them`);
    }
    for (const [f, text] of files) writeText(io, join(dir, f), text);
    if (!values.quiet) {
      io.stdout(
        `Wrote a tender to ${dir}/: ${files.map(([f]) => f).join(', ')}.\nRead ${join(dir, 'README.md')}, edit the files, then run:\n  commonweal evaluate --model ${dir}/model.json --bids ${dir}/bids.csv --scores ${dir}/scores.csv --gates ${dir}/gates.csv\n`,
      );
    }
    return 0;
  },
};

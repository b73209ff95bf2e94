// The baselines as a process of their own, for the CLI-level comparisons (bundled to
// dist/baseline.js): `node dist/baseline.js value FRAMEWORK.json ENTRIES.csv` or
// `node dist/baseline.js spend SPEND.csv REGISTER.csv EX,TQ,PL`. Prints its result as JSON.
import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { type BaselineMeasure, type BaselineSupplier, baselineSpend, baselineValue } from './baseline';

async function register(file: string): Promise<BaselineSupplier[]> {
  const out: BaselineSupplier[] = [];
  const parser = createReadStream(file).pipe(parse({ bom: true, columns: true }));
  for await (const r of parser as AsyncIterable<Record<string, string>>) {
    out.push({ supplierId: r.supplier_id, supplierName: r.supplier_name ?? '', postcode: r.postcode });
  }
  return out;
}

async function main(): Promise<void> {
  const [kind, a, b, c] = process.argv.slice(2);
  let r: unknown;
  if (kind === 'value' && a && b) {
    const fw = JSON.parse(readFileSync(a, 'utf8')) as { measures: BaselineMeasure[] };
    r = await baselineValue(fw.measures, b);
  } else if (kind === 'spend' && a && b && c) {
    r = await baselineSpend(a, await register(b), c.split(','));
  } else {
    throw new Error(
      'usage: baseline.js value FRAMEWORK.json ENTRIES.csv | spend SPEND.csv REGISTER.csv LOCAL',
    );
  }
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
});

import type { SpendAnalysis } from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import type { SupplierRegisterCsv } from '@commonweal/csv';
import { type FlowCounts, type FlowFailure, FlowFatal, runFlow } from '../inputs/inputs';
import type { CreateSha256, FlowSource } from './source';
import {
  mergeSpendFiles,
  type RegisterRead,
  readRegisterStage,
  readSpendFileStage,
  type SpendDocument,
  type SpendFileRead,
  type SpendFlowOptions,
  type SpendSettings,
  spendDocument,
  spendInputsHash,
  spendIssues,
  spendSettings,
} from './stages';

/**
 * The inputs of {@link spendFlow}: one spend file or several (a council's monthly files, read
 * in the order given), an optional supplier register, the options, and how to hash streamed
 * inputs (default {@link bufferedSha256}, core's incremental SHA-256).
 *
 * @example
 * ```ts
 * const input: SpendFlowInput = {
 *   spend: [{ name: 'spend-2024-04.csv', text: april }, { name: 'spend-2024-05.csv', text: may }],
 *   suppliers: { name: 'suppliers.csv', text: register },
 *   options: { local: ['EX1', 'EX2', 'EX4'] },
 * };
 * ```
 */
export interface SpendFlowInput {
  spend: FlowSource | readonly FlowSource[];
  suppliers?: FlowSource | undefined;
  options: SpendFlowOptions;
  createSha256?: CreateSha256 | undefined;
  /** Rows read so far, over every file (called every `progressEvery` rows of a file). */
  onProgress?: ((read: number) => void) | undefined;
  /** Rows of a file between progress calls (default 100,000). */
  progressEvery?: number | undefined;
}

/**
 * A spend analysis made by {@link spendFlow}: the analysis of every file together, each file's
 * own read and analysis, the register, the settings, the JSON document (built on first use),
 * every issue, the rows read per input and the inputs sha256.
 *
 * @example
 * ```ts
 * const r = await spendFlow(input);
 * if (r.ok) r.files.map((f) => f.analysis.local.share.toString());
 * ```
 */
export interface SpendFlowResult {
  ok: true;
  /** The files together; its issues are every issue (register, files, analysis). */
  analysis: SpendAnalysis;
  files: SpendFileRead[];
  register: SupplierRegisterCsv | undefined;
  settings: SpendSettings;
  /** The `--format json` document, built on first use. */
  readonly document: SpendDocument;
  sha256: string;
  issues: Issue[];
  counts: Record<string, FlowCounts>;
}

/**
 * Local, SME, VCSE and co-operative shares of a council's spend, from one spend-over-£500 file
 * or several: each file is read with its own encoding, header mapping and date-order inference
 * into its own accumulator, the accumulators are merged in order (the same answer as one
 * concatenated file), and each file's figures are kept beside the total. No file system: give
 * texts or chunks. Fails (`ok: false`) when a file or the register cannot be read at all.
 *
 * @example
 * ```ts
 * const r = await spendFlow({ spend: { name: 'spend.csv', text }, options: { local: ['EX1'] } });
 * if (r.ok) documentText(r.document);
 * ```
 */
export async function spendFlow(input: SpendFlowInput): Promise<SpendFlowResult | FlowFailure> {
  return runFlow(async () => {
    const settings = spendSettings(input.options);
    const sources = Array.isArray(input.spend) ? [...input.spend] : [input.spend as FlowSource];
    if (sources.length === 0)
      throw new FlowFatal('no spend file was given', [
        { code: 'no_input', message: 'give at least one spend file', field: 'spend' },
      ]);
    const names = new Set<string>();
    for (const s of sources) {
      if (names.has(s.name))
        throw new FlowFatal(`${s.name} is given twice`, [
          {
            code: 'duplicate_input',
            file: s.name,
            message: 'the same spend file is given twice: its rows would be counted twice; give it once',
          },
        ]);
      names.add(s.name);
    }
    let register: RegisterRead | undefined;
    if (input.suppliers) register = await readRegisterStage(input.suppliers, settings, input.createSha256);
    const files: SpendFileRead[] = [];
    let before = 0;
    for (const source of sources) {
      const progress = input.onProgress;
      const f = await readSpendFileStage(
        source,
        settings,
        register?.register.register,
        input.createSha256,
        progress ? (n) => progress(before + n) : undefined,
        input.progressEvery,
      );
      before += f.read.counts.read;
      files.push(f);
    }
    const merged = mergeSpendFiles(files, settings, register?.register.register);
    const issues = spendIssues(register, merged);
    const analysis: SpendAnalysis = { ...merged, issues };
    const sha256 = spendInputsHash(files, register?.sha256 ?? null, settings);
    const counts: Record<string, FlowCounts> = {};
    if (register) counts[register.name] = { ...register.register.counts };
    for (const f of files) counts[f.name] = { ...f.read.counts };
    let document: SpendDocument | undefined;
    return {
      ok: true as const,
      analysis,
      files,
      register: register?.register,
      settings,
      get document() {
        document ??= spendDocument(analysis, files, sha256);
        return document;
      },
      sha256,
      issues,
      counts,
    };
  });
}

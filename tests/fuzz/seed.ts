// Shared settings of the fuzz suite: one seed for every property (FUZZ_SEED overrides it, and
// fast-check prints the seed and path of any failure so it can be replayed), and bounded runs.

const raw = process.env.FUZZ_SEED;

/** The seed every property runs with: `FUZZ_SEED=123 npx vitest run tests/fuzz` replays a failure. */
export const SEED = raw !== undefined && raw !== '' && Number.isInteger(Number(raw)) ? Number(raw) : 20260101;

/** fast-check parameters: the seed and a bounded number of runs. */
export function runs(numRuns: number): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns };
}

import { PlanProgressJsonSchema, PlanSchema } from '@commonweal/core/plan';
import { PortfolioJsonSchema, PortfolioManifestSchema } from '@commonweal/core/procurement';
import type { SchemaInfo } from './registry';

/**
 * The portfolio and plan formats: the portfolio manifest and output, the community's plan and
 * its progress output.
 *
 * @example
 * ```ts
 * PLAN_SCHEMAS.map((s) => s.name); // ['portfolio-manifest', 'portfolio-output', 'plan', 'plan-output']
 * ```
 */
export const PLAN_SCHEMAS: readonly SchemaInfo[] = [
  {
    name: 'portfolio-manifest',
    schema: PortfolioManifestSchema,
    io: 'input',
    description:
      'A portfolio of contracts: contract, supplier, area, period and the commitments and outcomes files of each',
  },
  {
    name: 'portfolio-output',
    schema: PortfolioJsonSchema,
    io: 'output',
    description:
      'The JSON of a portfolio: committed, due and delivered social value by theme, outcome, supplier, area, measure and period',
  },
  {
    name: 'plan',
    schema: PlanSchema,
    io: 'input',
    description:
      "A community's plan: vision, objectives, actions with owners and partners, indicators with baselines and targets",
  },
  {
    name: 'plan-output',
    schema: PlanProgressJsonSchema,
    io: 'output',
    description:
      "The JSON of a plan's progress: every indicator against its target, objectives' weights, actions",
  },
];

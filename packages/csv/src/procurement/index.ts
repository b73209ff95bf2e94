export {
  type AttachPriceLinesOptions,
  attachPriceLines,
  BID_COLUMNS,
  bidsTable,
  PRICE_LINE_COLUMNS,
  type PriceLine,
  priceLinesTable,
  readBidsCsv,
  readPriceLinesCsv,
} from './bids';
export { inFile, rejectDuplicates } from './common';
export {
  COMMITMENT_COLUMNS,
  commitmentsTableFor,
  MILESTONE_COLUMNS,
  milestonesTable,
  OUTCOME_COLUMNS,
  outcomesTable,
  periodCell,
  type ReadCommitmentsOptions,
  readCommitmentsCsv,
  readMilestonesCsv,
  readOutcomesCsv,
} from './delivery';
export {
  GATE_COLUMNS,
  gateResultCell,
  gatesTable,
  MODERATION_COLUMNS,
  moderationTable,
  readGatesCsv,
  readModerationCsv,
  readScoresCsv,
  SCORE_COLUMNS,
  scoresTable,
} from './scores';

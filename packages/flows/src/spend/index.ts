export {
  bufferedSha256,
  type CreateSha256,
  type FlowSource,
  type FlowStream,
  type HashedSource,
  hashedSource,
  type Sha256Stream,
} from './source';
export {
  type SpendFlowInput,
  type SpendFlowResult,
  spendFlow,
} from './spend';
export {
  accumulatorOptions,
  columnsRead,
  datesRead,
  mergeSpendFiles,
  type RegisterRead,
  readRegisterStage,
  readSpendFileStage,
  type SpendDocument,
  type SpendFileJson,
  type SpendFileRead,
  type SpendFlowOptions,
  type SpendSettings,
  spendDocument,
  spendFileJson,
  spendInputsHash,
  spendIssues,
  spendSettings,
} from './stages';

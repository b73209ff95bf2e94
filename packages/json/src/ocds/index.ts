export type { OcdsAward, OcdsContract, OcdsContractSummary, OcdsSupplier } from './awards';
export {
  importedText,
  type OcdsBid,
  type OcdsImportSummary,
  type OcdsLotSkeleton,
  type OcdsOptions,
  type OcdsSkeleton,
  ocdsSkeleton,
} from './ocds';

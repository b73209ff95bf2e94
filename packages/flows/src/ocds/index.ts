export {
  type OcdsContractFile,
  type OcdsFlowInput,
  type OcdsFlowResult,
  type OcdsLotFiles,
  ocdsAwardsCsv,
  ocdsBidsCsv,
  ocdsContractFile,
  ocdsFiles,
  ocdsFlow,
  ocdsSuppliersCsv,
  perLot,
} from './ocds';

export {
  chooseBid,
  type DeliveryDocument,
  deliveryDocument,
  locateDeliveryIssues,
  type MonitorCsvRole,
  type MonitorFlowInput,
  type MonitorFlowResult,
  monitorFlow,
} from './monitor';

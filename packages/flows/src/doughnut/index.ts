export {
  DIMENSION_SETS,
  type DoughnutDocument,
  type DoughnutFlowInput,
  type DoughnutFlowResult,
  type DoughnutTrendDocument,
  doughnutFlow,
} from './doughnut';

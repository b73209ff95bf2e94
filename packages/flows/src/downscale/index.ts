export {
  type DownscaleFlowInput,
  type DownscaleFlowResult,
  type DownscaleLine,
  type DownscalePlace,
  downscaleFlow,
} from './downscale';

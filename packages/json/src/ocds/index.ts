export {
  type OcdsBid,
  type OcdsLotSkeleton,
  type OcdsOptions,
  type OcdsSkeleton,
  ocdsSkeleton,
} from './ocds';

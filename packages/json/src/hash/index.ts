export { hashInputs, sha256, sha256Hex } from './sha256';

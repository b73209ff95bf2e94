export { traceJson } from './json';
export { cite, type Provenance, ProvenanceSchema } from './provenance';
export { createSha256, type Sha256, sha256, sha256Hex } from './sha256';
export { createSourceIndex, plainSource, type SourceIndex, sourceId } from './sources';
export { type Explained, explain, type InputLike, type Trace, type TraceInput, traceToText } from './trace';

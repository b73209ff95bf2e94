export { cite, type Provenance, ProvenanceSchema } from './provenance';
export { type Explained, explain, type InputLike, type Trace, type TraceInput, traceToText } from './trace';

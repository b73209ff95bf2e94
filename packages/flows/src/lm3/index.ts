export { type Lm3Document, type Lm3FlowInput, type Lm3FlowResult, lm3Document, lm3Flow } from './lm3';

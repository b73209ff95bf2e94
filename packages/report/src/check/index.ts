export { wellFormedProblems } from './wellformed';

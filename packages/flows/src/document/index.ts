export { documentText } from './document';

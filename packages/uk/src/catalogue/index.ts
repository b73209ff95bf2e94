export { openCatalogue } from './catalogue';

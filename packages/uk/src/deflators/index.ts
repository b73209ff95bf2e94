export { hmtGdpDeflator } from './deflators';

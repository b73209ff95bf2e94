export {
  type BomEncoding,
  byteOrderMark,
  cp1252Code,
  findInvalidUtf8,
  firstInvalidUtf8,
  heldUtf8Tail,
  hexByte,
  utf8Position,
} from './encoding';

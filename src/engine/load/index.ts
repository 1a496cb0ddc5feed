export { loadPack, loadFile, type LoadedPack, type PositionedDocument } from './load-pack.ts';
export { detectKind, DOCUMENT_KINDS } from './document-kind.ts';

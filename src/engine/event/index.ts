export { flattenRecord } from './flatten.ts';
export { makeJoiner, type EventJoiner } from './join.ts';

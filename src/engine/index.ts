// The engine's public surface for workers, the command line and the UI.
export { compilePack, type CompiledPack, type PackCompilation } from './pack.ts';
export { loadPack, type PositionedDocument } from './load/index.ts';
export {
  evaluateShard,
  mergeShards,
  runPack,
  type RunResult,
  type ShardResult,
  type UnmatchableRule,
} from './run/index.ts';
export { runTests, type TestCaseResult } from './testing/index.ts';
export { flattenRecord, makeJoiner } from './event/index.ts';
export { formatDiagnostic } from './validate/diagnostic.ts';
export { MODIFIERS } from './compile/modifiers/index.ts';
export type * from './types.ts';

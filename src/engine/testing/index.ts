export { runTests, runTest, type TestCaseResult } from './run-tests.ts';
export { validateTest } from './validate-tests.ts';
export type { TestDocument } from './test-schema.ts';

// The pack the weak-spots register reads: the one named with --pack, or the shipped default pack
// (found next to this code, not the working directory).
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

export const DEFAULT_PACK =
  relative(process.cwd(), fileURLToPath(new URL('../../policies/default', import.meta.url))) || '.';

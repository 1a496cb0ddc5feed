// An output folder and its missing parents, one level at a time. Node 20's recursive mkdir spins
// forever under a folder that refuses new entries without saying why (`/proc/x`); made level by
// level, the first refusal is an error naming the folder.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './args.ts';

export function makeFolder(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      if (!statSync(at).isDirectory())
        throw new UsageError(`cannot write to "${path}": ${at} is not a folder`);
      break;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      missing.unshift(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`cannot create folder "${folder}" (${code})`);
    }
  }
}

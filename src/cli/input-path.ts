// `-` names standard input, as in most command-line tools (`… | cli evaluate --data -`). A pipe, a
// file or a terminal is read through /dev/stdin, so a large input streams as a file does; a
// socket (what some process launchers hand a child as its stdin) cannot be opened by that name
// (ENXIO), so it is copied to a temporary file first, removed when the process exits.
import { createWriteStream, fstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export async function inputPath(path: string): Promise<string> {
  if (path !== '-') return path;
  let socket = false;
  try {
    socket = fstatSync(0).isSocket();
  } catch {
    // No standard input at all: /dev/stdin says so when it is read.
  }
  if (!socket) return '/dev/stdin';
  const folder = mkdtempSync(join(tmpdir(), 'dlp-stdin-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'stdin');
  await pipeline(process.stdin, createWriteStream(file));
  return file;
}

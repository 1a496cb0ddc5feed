// `generate --seed N --users N --days N [--scenarios ids] --out <path>`: writes a dataset bundle
// folder, or its single-file form when `--out` names a `.json` file. Events stream to disk a chunk
// at a time, so the size is limited by the disk, not memory.
import { statSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError, parseCommandArgs, parseInteger, requireOption } from '../args.ts';
import { makeFolder } from '../make-folder.ts';
import { readScenarios } from '../scenario-files.ts';
import { generateDataset, type GeneratedDataset } from '../../engine/generate/generate-dataset.ts';
import type { NdjsonChunk } from '../../engine/generate/day-batch.ts';
import { datasetJson, tableJson } from '../../engine/generate/bundle.ts';
import { closestName } from '../../engine/scenario/closest-name.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';

function selectScenarios(all: Scenario[], wanted: string | undefined): Scenario[] {
  if (wanted === undefined || wanted.trim() === 'all') return all;
  const ids = wanted
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  // No scenario at all is asked for by name (`none`); an empty list is more likely a mistake.
  if (ids.length === 0)
    throw new UsageError('--scenarios names no scenario: give ids separated by commas, "all", or "none"');
  if (ids.length === 1 && ids[0] === 'none') return [];
  const known = all.map((s) => s.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      const suggestion = closestName(id, known);
      throw new UsageError(
        `unknown scenario "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; run "scenarios" to list them`,
      );
    }
  }
  return all.filter((s) => ids.includes(s.id));
}

const MAX_DAYS = 3660;
/** A directory this large is built in ~1.7 GB; more users never finished (99,999,999 held 1.9 GB in 4 s). */
const MAX_USERS = 100_000;
/** About 18.6 events per user and day: a million user-days is ~18 million events, ~11 minutes here. */
const MAX_USER_DAYS = 1_000_000;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    seed: { type: 'string' },
    users: { type: 'string' },
    days: { type: 'string' },
    scenarios: { type: 'string' },
    out: { type: 'string' },
    start: { type: 'string' },
    'content-bytes': { type: 'string' },
  });
  const seed = parseInteger(values.seed, 'seed');
  const users = parseInteger(values.users, 'users');
  const days = parseInteger(values.days, 'days');
  const out = requireOption(values.out, 'out');
  if (users < 1) throw new UsageError('--users must be at least 1');
  if (days < 1) throw new UsageError('--days must be at least 1');
  // Ten years of days keeps every generated time a valid date (and a dataset one can hold).
  if (days > MAX_DAYS) throw new UsageError(`--days must be at most ${MAX_DAYS} (got ${days})`);
  if (users > MAX_USERS)
    throw new UsageError(`--users must be at most ${MAX_USERS.toLocaleString('en')} (got ${users})`);
  if (users * days > MAX_USER_DAYS)
    throw new UsageError(
      `--users × --days must be at most ${MAX_USER_DAYS.toLocaleString('en')} (about 18 million events); got ${users} × ${days}`,
    );
  if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start))
    throw new UsageError(`--start must be an ISO date such as 2026-03-02 (got "${values.start}")`);
  const contentBytes = parseInteger(values['content-bytes'], 'content-bytes', 1024);
  const scenarios = selectScenarios(readScenarios(), values.scenarios);

  const dataset = generateDataset({
    seed,
    users,
    days,
    scenarios,
    contentBytes,
    ...(values.start ? { start: values.start } : {}),
  });
  // `--out x.json` (a path that is not a folder already): the bundle's single-file form,
  // {"dataset","events","directory","resources","entitlements"} (docs/data-model.md), which
  // `evaluate --data` reads as it reads the folder.
  if (/\.json$/i.test(out) && !isFolder(out)) {
    makeFolder(dirname(resolve(out)));
    const events = await writeSingleFile(out, dataset);
    for (const warning of dataset.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stderr.write(
      `wrote ${out}: ${events} events, ${dataset.directory.length} users, ${dataset.scenarios.length} scenarios\n`,
    );
    return 0;
  }
  makeFolder(out);
  writeFileSync(join(out, 'dataset.json'), datasetJson(dataset));
  writeFileSync(join(out, 'directory.json'), tableJson(dataset.directory));
  writeFileSync(join(out, 'resources.json'), tableJson(dataset.resources));
  writeFileSync(join(out, 'entitlements.json'), tableJson(dataset.entitlements));

  const events = await writeEvents(join(out, 'events.ndjson'), dataset.ndjson);
  for (const warning of dataset.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stderr.write(
    `wrote ${out}: ${events} events, ${dataset.directory.length} users, ${dataset.scenarios.length} scenarios\n`,
  );
  return 0;
}

/**
 * Writes the NDJSON chunks (about 1 MB each) one write at a time: the next chunk is generated while
 * the previous one is on its way to disk, and waits for it, so memory stays flat however slow the disk.
 */
async function writeEvents(path: string, chunks: Iterable<NdjsonChunk>): Promise<number> {
  const file = await open(path, 'w');
  let count = 0;
  let pending: Promise<void> = Promise.resolve();
  try {
    for (const { bytes, events } of chunks) {
      await pending;
      pending = writeAll(file, bytes);
      count += events;
    }
    await pending;
  } finally {
    // A failed generation still lets the write in flight end before the file closes.
    await pending.catch(() => undefined);
    await file.close();
  }
  return count;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const encoder = new TextEncoder();

/**
 * The single-file bundle, its events streamed as the folder's events.ndjson is: each NDJSON line
 * becomes an item of the `events` array (a JSON text holds no raw line break, so every 0x0A byte
 * ends an event).
 */
async function writeSingleFile(path: string, dataset: GeneratedDataset): Promise<number> {
  const file = await open(path, 'w');
  let count = 0;
  try {
    const manifest = { ...dataset.manifest, scenarios: dataset.scenarios };
    await writeAll(file, encoder.encode(`{"dataset":${JSON.stringify(manifest)},\n"events":[\n`));
    for (const { bytes, events } of dataset.ndjson) {
      if (events === 0) continue;
      await writeAll(file, arrayItems(bytes, count > 0));
      count += events;
    }
    const tables =
      `\n],\n"directory":${JSON.stringify(dataset.directory)},\n` +
      `"resources":${JSON.stringify(dataset.resources)},\n` +
      `"entitlements":${JSON.stringify(dataset.entitlements)}}\n`;
    await writeAll(file, encoder.encode(tables));
  } finally {
    await file.close();
  }
  return count;
}

/** NDJSON lines as array items: `,\n` between them (and before them, after earlier ones). */
function arrayItems(lines: Uint8Array, afterOthers: boolean): Uint8Array {
  let breaks = 0;
  for (const byte of lines) if (byte === 0x0a) breaks++;
  const out = new Uint8Array(lines.length + breaks + 1);
  let at = 0;
  if (afterOthers) {
    out[at++] = 0x2c;
    out[at++] = 0x0a;
  }
  // The chunk ends with a line break: the last one is dropped, each other one becomes `,\n`.
  const end = lines[lines.length - 1] === 0x0a ? lines.length - 1 : lines.length;
  for (let i = 0; i < end; i++) {
    if (lines[i] === 0x0a) out[at++] = 0x2c;
    out[at++] = lines[i]!;
  }
  return out.subarray(0, at);
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length;)
    done += (await file.write(bytes, done, bytes.length - done)).bytesWritten;
}

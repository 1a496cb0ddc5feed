// Files read in pieces rather than as one string (a 560 MB events.ndjson is more than one string
// holds): an NDJSON file line by line, and the head a file's encoding is told from.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Diagnostic, EngineEvent } from '../engine/types.ts';
import { NdjsonReader } from '../engine/import/ndjson.ts';
import { emptyImportResult, type ImportResult } from '../engine/import/types.ts';
import {
  chunkDecoder,
  sniffEncoding,
  Utf8LinesDecoder,
  type ChunkDecoder,
  type SniffedEncoding,
} from '../engine/import/text-encoding.ts';
import { compressionOf, CompressedFileError, isStringTooLong, tooLargeError } from './read-text.ts';

/** How many bytes of a streamed file are read at a time. */
export const STREAM_CHUNK = 1 << 22;
/** How much of a file is read first to tell its encoding (as the app's import worker does). */
const SNIFFED_BYTES = 64 * 1024;

/**
 * An NDJSON file read line by line from a stream, so its size is bounded by the memory its
 * events take, not by the longest string. The same as reading it whole: events and their ids
 * (`name:line`), diagnostics (`file` is `name`) and the encoding text-encoding.ts tells from the
 * whole file (sniffed from the first 64 KB; a stream that then turns out not to be UTF-8 is read
 * again as Windows-1252, with that note), which comes back as `note`.
 */
export async function readNdjsonFile(path: string, name: string): Promise<ImportResult & { note?: string }> {
  // A named pipe (`mkfifo logs.ndjson`) or a device is read once, as it comes: a first read of its
  // head would take (and close) the writer's end, and the pipe would then wait for a writer forever.
  if (!(await stat(path)).isFile()) return readNdjsonStream(path, name);
  const [head, whole] = await headOf(path);
  const packed = compressionOf(head);
  if (packed !== undefined) throw new CompressedFileError(path, packed);
  const sniffed: SniffedEncoding = sniffEncoding(head, whole);
  const reader = new NdjsonReader(name);
  const result = emptyImportResult();
  const add = (part: { events: EngineEvent[]; errors: Diagnostic[] }) => {
    for (const event of part.events) result.events.push(event);
    for (const item of part.errors) result.errors.push(item);
  };
  // A file that starts as UTF-8 is read line by line: a line that turns out not to be UTF-8 is read
  // as Windows-1252 and named, and every other line stays UTF-8 (before, one stray byte anywhere
  // made the whole file Windows-1252, every "café" a "cafÃ©").
  const lines = sniffed.encoding === 'utf-8' ? new Utf8LinesDecoder() : undefined;
  const decoder = lines ?? chunkDecoder(sniffed.encoding);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: STREAM_CHUNK }))
      add(reader.push(decoder.decode(chunk as Buffer, { stream: true })));
    add(reader.push(decoder.decode()));
  } catch (error) {
    // A single line longer than a string holds.
    if (isStringTooLong(error)) throw tooLargeError(path, (await stat(path)).size);
    throw error;
  }
  add(reader.end());
  const note = sniffed.note ?? lines?.note();
  return note === undefined ? result : { ...result, note };
}

/**
 * An NDJSON pipe, read in one pass: the encoding is told from its first chunk. It cannot be read
 * again, so when it turns out not to be UTF-8 further on, the rest of it is read as Windows-1252
 * (the lines before stay as they were), and the note says so.
 */
async function readNdjsonStream(path: string, name: string): Promise<ImportResult & { note?: string }> {
  const reader = new NdjsonReader(name);
  const result = emptyImportResult();
  const add = (part: { events: EngineEvent[]; errors: Diagnostic[] }) => {
    for (const event of part.events) result.events.push(event);
    for (const item of part.errors) result.errors.push(item);
  };
  let sniffed: SniffedEncoding | undefined;
  let decoder: ChunkDecoder | undefined;
  let lines: Utf8LinesDecoder | undefined;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: STREAM_CHUNK })) {
      const bytes = chunk as Buffer;
      if (sniffed === undefined) {
        const packed = compressionOf(bytes);
        if (packed !== undefined) throw new CompressedFileError(path, packed);
        sniffed = sniffEncoding(bytes.subarray(0, SNIFFED_BYTES), false);
        // (As a file: UTF-8 line by line, a line that is not read as Windows-1252 and named.)
        lines = sniffed.encoding === 'utf-8' ? new Utf8LinesDecoder() : undefined;
        decoder = lines ?? chunkDecoder(sniffed.encoding);
      }
      add(reader.push(decoder!.decode(bytes, { stream: true })));
    }
    if (decoder !== undefined) add(reader.push(decoder.decode()));
  } catch (error) {
    if (isStringTooLong(error)) throw tooLargeError(path, 0);
    throw error;
  }
  const note = sniffed?.note ?? lines?.note();
  add(reader.end());
  return note === undefined ? result : { ...result, note };
}

/** A file's first 64 KB, and whether that is all of it: what its encoding is told from. */
export async function headOf(path: string): Promise<[Uint8Array, boolean]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, SNIFFED_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return [head.subarray(0, bytesRead), size <= SNIFFED_BYTES];
  } finally {
    await handle.close();
  }
}

// Test support: a streaming reader fed a text in pieces of `size` characters, as the import worker
// feeds a file's chunks; its events and errors in order, the end's included.
import type { Diagnostic, EngineEvent } from '../types.ts';
import type { PieceReader } from './types.ts';

export function readInPieces(
  reader: PieceReader,
  text: string,
  size: number,
): { events: EngineEvent[]; errors: Diagnostic[] } {
  const events: EngineEvent[] = [];
  const errors: Diagnostic[] = [];
  for (let at = 0; at < text.length; at += size) {
    const part = reader.push(text.slice(at, at + size));
    events.push(...part.events);
    errors.push(...part.errors);
  }
  const rest = reader.end();
  events.push(...rest.events);
  errors.push(...rest.errors);
  return { events, errors };
}

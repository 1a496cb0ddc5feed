// A text read in pieces, split where its last complete line ends: the line readers (NDJSON, Zeek)
// read the complete lines and keep the rest for the next piece.

/** The complete lines of `pending + chunk` (without their last break; undefined when none) and the text after them. */
export function completeLines(pending: string, chunk: string): { lines: string | undefined; rest: string } {
  const text = pending + chunk;
  const lastBreak = text.lastIndexOf('\n');
  return lastBreak < 0
    ? { lines: undefined, rest: text }
    : { lines: text.slice(0, lastBreak), rest: text.slice(lastBreak + 1) };
}

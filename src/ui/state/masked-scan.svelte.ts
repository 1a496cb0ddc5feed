// What the pack's classifiers find in values a screen shows (an event's fields, an import preview's
// cells), scanned in the engine worker whenever the values or the pack change. The spans are given
// only for the values and pack they were scanned for: never laid over other text, not even for a
// frame. Call it while a component initialises (it holds state and an effect).
import type { ContentSpan } from '../../engine/types.ts';
import { scanValues } from './engine-client.ts';
import { pack } from './pack.svelte.ts';

export interface MaskedScan {
  /** Per value, its spans; null while the current values are not scanned (or not to be). */
  readonly spans: ContentSpan[][] | null;
  /** The scan of the current values failed: they stay hidden. */
  readonly failed: boolean;
}

/**
 * `key()` is what identifies the values shown (they are scanned again when it changes), `values()`
 * the texts to scan; nothing is scanned while `skip()` holds (values shown unmasked). `what` names
 * the values in the console warning of a failed scan.
 */
export function maskedScan<K>(
  key: () => K,
  values: () => readonly { field: string; text: string }[],
  skip: () => boolean,
  what: string,
): MaskedScan {
  let scanned = $state.raw<{ key: K; files: typeof pack.files; spans: ContentSpan[][] } | null>(null);
  let failedFor = $state.raw<{ key: K } | null>(null);
  $effect(() => {
    const current = key();
    const files = pack.files;
    const list = values();
    if (skip() || list.length === 0) return;
    let live = true;
    scanValues(list, files)
      .then((spans) => {
        if (live) scanned = { key: current, files, spans };
      })
      .catch((error: unknown) => {
        console.warn(`${what} could not be scanned for sensitive values.`, error);
        if (live) failedFor = { key: current };
      });
    return () => {
      live = false;
    };
  });
  return {
    get spans() {
      return scanned && scanned.key === key() && scanned.files === pack.files ? scanned.spans : null;
    },
    get failed() {
      return failedFor !== null && failedFor.key === key();
    },
  };
}

// The pack as one .zip: what "Export pack" writes is what "Import files" reads back, file names and
// all, so an exported pack round-trips (and a team can hand its pack to another browser).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { PackFile } from '../../engine/types.ts';

const PACK_ROOT = 'policies/default/';
const YAML = /\.ya?ml$/i;
/** The largest pack file read from an archive, and all of them together. */
const MAX_FILE_BYTES = 10_000_000;
const MAX_TOTAL_BYTES = 50_000_000;

export function packArchive(files: readonly PackFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [f.name, strToU8(f.text)])));
}

/**
 * The YAML files of a pack archive, under the pack's folder (an archive made by zipping the pack's
 * own folder has names without it). Other entries — folders, a README — are listed in `skipped`.
 */
export function readPackArchive(bytes: Uint8Array): { files: PackFile[]; skipped: string[] } {
  const files: PackFile[] = [];
  const skipped: string[] = [];
  // A file's size as the archive declares it, checked before it is inflated: a small .zip can hold
  // gigabytes of one repeated byte, which would take the tab down.
  let total = 0;
  const entries = unzipSync(bytes, {
    filter: (file) => {
      total += file.originalSize;
      const fits = file.originalSize <= MAX_FILE_BYTES && total <= MAX_TOTAL_BYTES;
      if (!fits)
        skipped.push(`${file.name} (${Math.round(file.originalSize / 1e6)} MB: too large for a pack file)`);
      return fits;
    },
  });
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    if (!YAML.test(name)) {
      skipped.push(name);
      continue;
    }
    const clean = name.replace(/^\.?\//, '');
    files.push({
      name: clean.startsWith(PACK_ROOT) ? clean : `${PACK_ROOT}${clean}`,
      text: strFromU8(data),
    });
  }
  return { files: files.sort((a, b) => a.name.localeCompare(b.name)), skipped };
}

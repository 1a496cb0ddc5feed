// What ships inside the app: the scenario library, the default pack and the classroom dataset.
// Bundled at build time (import.meta.glob), so the first start needs no network beyond the app's own
// files and works offline once loaded.
import type { PackFile } from '../../engine/types.ts';

const scenarioTexts = import.meta.glob('/sample-data/scenarios/*.{yml,yaml}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const packTexts = import.meta.glob('/policies/default/**/*.{yml,yaml}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

// Small tables travel inside the bundle; the events file is large, so it is an asset fetched by URL.
const classroomTables = import.meta.glob('/sample-data/classroom/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const classroomEventUrls = import.meta.glob('/sample-data/classroom/*.ndjson', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const exerciseTexts = import.meta.glob('/sample-data/exercises/*.{yml,yaml}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const relative = (path: string) => path.replace(/^\//, '');

function sorted(record: Record<string, string>): PackFile[] {
  return Object.entries(record)
    .map(([path, text]) => ({ name: relative(path), text }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function builtInScenarioFiles(): PackFile[] {
  return sorted(scenarioTexts);
}

export function defaultPackFiles(): PackFile[] {
  return sorted(packTexts);
}

export function builtInExerciseFiles(): PackFile[] {
  return sorted(exerciseTexts);
}

/** The classroom bundle's files (dataset.json, events.ndjson, directory.json, …) as texts. */
export async function classroomFiles(fetchText: (url: string) => Promise<string>): Promise<PackFile[]> {
  const files = sorted(classroomTables);
  for (const [path, url] of Object.entries(classroomEventUrls)) {
    files.push({ name: relative(path), text: await fetchText(url) });
  }
  return files;
}

/** A tiny asset may be inlined as a data: URL, which the CSP's connect-src would refuse to fetch. */
export async function fetchAssetText(url: string): Promise<string> {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const body = url.slice(comma + 1);
    return url.slice(0, comma).endsWith(';base64')
      ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)))
      : decodeURIComponent(body);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response.text();
}

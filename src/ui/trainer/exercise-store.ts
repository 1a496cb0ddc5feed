// What an exercise keeps in this browser: each team's working pack and name per exercise, the
// submissions made here, and the submissions a trainer imported to compare. localStorage only:
// nothing leaves the machine unless a team exports a file.
import { packHash } from '../../engine/pack-hash.ts';
import type { PackFile } from '../../engine/types.ts';
import { parseSubmission, type ExerciseResult, type Submission } from './exercise-run.ts';

const PREFIX = 'dlp-sim.exercise';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage must not break the exercise; the team can still export a file.
  }
}

export function loadTeamPack(exercise: string): PackFile[] | null {
  const files = read<unknown>(`${PREFIX}.${exercise}.pack`, null);
  if (!Array.isArray(files)) return null;
  return files.filter(
    (f): f is PackFile => typeof f?.name === 'string' && typeof (f as PackFile).text === 'string',
  );
}

export function saveTeamPack(exercise: string, files: readonly PackFile[]): void {
  write(`${PREFIX}.${exercise}.pack`, files);
}

/** The last score of a team pack, kept with the pack it scored, so a reload shows it again. */
export function saveLastResult(exercise: string, files: readonly PackFile[], result: ExerciseResult): void {
  write(`${PREFIX}.${exercise}.result`, { pack: packHash(files), result });
}

/** The kept score when `files` is the pack it scored (an edit since makes it stale: none). */
export function loadLastResult(exercise: string, files: readonly PackFile[]): ExerciseResult | null {
  const stored = read<{ pack?: unknown; result?: ExerciseResult } | null>(
    `${PREFIX}.${exercise}.result`,
    null,
  );
  return stored?.pack === packHash(files) && stored.result ? stored.result : null;
}

export function loadTeamName(): string {
  return read<string>(`${PREFIX}.team`, '');
}

export function saveTeamName(name: string): void {
  write(`${PREFIX}.team`, name);
}

function readSubmissions(key: string): Submission[] {
  const list = read<unknown>(key, []);
  if (!Array.isArray(list)) return [];
  const out: Submission[] = [];
  for (const item of list) {
    const parsed = parseSubmission(JSON.stringify(item), 'stored');
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

/** Submissions made in this browser (the local score board), newest last. */
export function loadSubmissions(): Submission[] {
  return readSubmissions(`${PREFIX}.submissions`);
}

export function addSubmission(submission: Submission): Submission[] {
  const list = [...loadSubmissions(), submission];
  write(`${PREFIX}.submissions`, list);
  return list;
}

/** Teams' files a trainer imported; one entry per team and exercise (a re-import replaces it). */
export function loadImported(): Submission[] {
  return readSubmissions(`${PREFIX}.imported`);
}

export function saveImported(list: readonly Submission[]): void {
  write(`${PREFIX}.imported`, list);
}

export function mergeImported(current: readonly Submission[], added: readonly Submission[]): Submission[] {
  const key = (s: Submission) => `${s.exercise}\u0000${s.team}`;
  const map = new Map(current.map((s) => [key(s), s]));
  for (const s of added) map.set(key(s), s);
  return [...map.values()];
}

/** Saves a text as a file through the browser's download. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** When the team started the exercise's clock (epoch ms), or null. */
export function loadClock(exercise: string): number | null {
  const value = read<unknown>(`${PREFIX}.${exercise}.started`, null);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function saveClock(exercise: string, started: number | null): void {
  if (started === null) {
    try {
      localStorage.removeItem(`${PREFIX}.${exercise}.started`);
    } catch {
      // Nothing to forget when storage is unavailable.
    }
  } else write(`${PREFIX}.${exercise}.started`, started);
}

// CERT's answer key (answers.tar.bz2): `answers/insiders.csv` (dataset, scenario, details, user,
// start, end) indexes one detail file per insider, kept in a folder per dataset and scenario
// (`answers/r4.2-1/r4.2-1-AAM0658.csv`). A detail file is not a proper CSV: each line is one
// malicious row copied from the activity tables, prefixed with its table's name
// (`logon,{id},date,user,pc,activity`), so lines differ in length.
import type { Diagnostic } from '../../types.ts';
import { readCertCsv } from './read-csv.ts';
import { importError } from '../diagnostic.ts';
import { columnIndex } from './columns.ts';
import { certScenarioId, stepOf } from './scenarios.ts';

export interface AnswerLabel {
  scenario: string;
  /** CERT's scenario number (1–5), which decides the step. */
  number: number;
  step: number;
  user: string;
  file: string;
  line: number;
}

export interface AnswerKey {
  /** By table and CERT row id (`answerKey`): CERT ids are unique within a table, not across tables. */
  labels: Map<string, AnswerLabel>;
  errors: Diagnostic[];
}

interface Insider {
  release: string;
  scenario: number;
  user: string;
}

const TABLES = new Set(['logon', 'device', 'file', 'email', 'http']);

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function parseInsiders(file: string, text: string, errors: Diagnostic[]): Map<string, Insider> {
  const byDetails = new Map<string, Insider>();
  let index: Map<string, number> | undefined;
  errors.push(
    ...readCertCsv(text, file, (cells, line) => {
      if (!index) {
        index = columnIndex(cells);
        const missing = ['dataset', 'scenario', 'details', 'user'].filter((c) => !index!.has(c));
        if (missing.length > 0)
          errors.push(importError(file, line, `the header lacks ${missing.join(', ')}`));
        return;
      }
      const at = (name: string) => cells[index!.get(name) ?? -1]?.trim() ?? '';
      const scenario = Number(at('scenario'));
      if (!Number.isInteger(scenario) || at('details') === '') {
        errors.push(
          importError(file, line, `scenario "${at('scenario')}" or details "${at('details')}" is not usable`),
        );
        return;
      }
      byDetails.set(at('details').toLowerCase(), { release: at('dataset'), scenario, user: at('user') });
    }),
  );
  return byDetails;
}

/** `answers/r4.2-1/r4.2-1-AAM0658.csv` → release `r4.2`, scenario 1 (from the folder, else the name). */
function fromPath(path: string): { release: string; scenario: number } | undefined {
  const parts = path.split('/');
  for (const part of [...parts.slice(0, -1).reverse(), baseName(path)]) {
    const match = /^(r?\d+(?:\.\d+)?)-(\d+)/i.exec(part);
    if (match) return { release: match[1]!, scenario: Number(match[2]) };
  }
  return undefined;
}

/** The key of a labelled row: `http` + `{X1D9-…}` → `http {X1D9-…}`. */
export function answerKey(table: string, id: string): string {
  return `${table} ${id}`;
}

export function isAnswerFile(path: string): boolean {
  return path.toLowerCase().split('/').slice(0, -1).includes('answers');
}

/** Reads the answer files of one folder. Files are named by their path inside the dataset folder. */
export function parseAnswers(files: readonly { name: string; text: string }[]): AnswerKey {
  const errors: Diagnostic[] = [];
  const labels = new Map<string, AnswerLabel>();
  const indexFile = files.find((f) => baseName(f.name).toLowerCase() === 'insiders.csv');
  const insiders = indexFile
    ? parseInsiders(indexFile.name, indexFile.text, errors)
    : new Map<string, Insider>();
  for (const file of files) {
    // The answer key's readme and scenario descriptions sit beside the detail files.
    if (file === indexFile || !file.name.toLowerCase().endsWith('.csv')) continue;
    const known = insiders.get(baseName(file.name).toLowerCase());
    const where = known ? { release: known.release, scenario: known.scenario } : fromPath(file.name);
    if (!where) {
      errors.push(
        importError(file.name, 1, 'cannot tell which scenario this answer file belongs to', {
          severity: 'warning',
          suggestion: 'list it in answers/insiders.csv or keep it in a folder named like r4.2-1',
        }),
      );
      continue;
    }
    const scenario = certScenarioId(where.release, where.scenario);
    errors.push(
      ...readCertCsv(file.text, file.name, (cells, line) => {
        const table = cells[0]?.trim().toLowerCase() ?? '';
        const id = cells[1]?.trim() ?? '';
        if (!TABLES.has(table) || id === '') {
          errors.push(
            importError(
              file.name,
              line,
              `expected "<table>,<id>,…" with table logon/device/file/email/http`,
              {
                severity: 'warning',
              },
            ),
          );
          return;
        }
        labels.set(answerKey(table, id), {
          scenario,
          number: where.scenario,
          step: stepOf(where.scenario, table),
          user: cells[3]?.trim() ?? known?.user ?? '',
          file: file.name,
          line,
        });
      }),
    );
  }
  return { labels, errors };
}

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../engine/types.ts';
import { readScenarios, SCENARIO_FOLDER, ScenarioFileError } from './scenario-files.ts';

const shipped = (name: string) => readFileSync(join(SCENARIO_FOLDER, name), 'utf8');

describe('the scenario library on disk', () => {
  it('refuses two files with one id, naming both, instead of merging their ground truth', () => {
    const folder = mkdtempSync(join(tmpdir(), 'scenarios-'));
    copyFileSync(join(SCENARIO_FOLDER, 'hr-salary-browsing.yml'), join(folder, 'hr-salary-browsing.yml'));
    writeFileSync(join(folder, 'my-copy.yml'), `\n${shipped('hr-salary-browsing.yml')}`);
    let error: unknown;
    try {
      readScenarios(folder, () => {});
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ScenarioFileError);
    const [diagnostic] = (error as ScenarioFileError).diagnostics;
    expect(diagnostic).toMatchObject({ line: 2, path: 'id' });
    expect(diagnostic?.file).toMatch(/my-copy\.yml$/);
    expect(diagnostic?.message).toMatch(
      /^scenario id "hr-salary-browsing" is already used by .*hr-salary-browsing\.yml$/,
    );
  });

  it('passes each file’s warnings on (a misspelled action), and still loads the scenario', () => {
    const folder = mkdtempSync(join(tmpdir(), 'scenarios-'));
    writeFileSync(
      join(folder, 'hr-salary-browsing.yml'),
      shipped('hr-salary-browsing.yml').replace('event.action: message', 'event.action: mesage'),
    );
    const warnings: Diagnostic[] = [];
    const scenarios = readScenarios(folder, (d) => warnings.push(d));
    expect(scenarios.map((s) => s.id)).toEqual(['hr-salary-browsing']);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.some((w) => w.message.includes('mesage'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

interface Score {
  score: number;
  f1: number;
  recall: number;
  precision: number;
  first_detected_step: number | null;
  alerts: number;
  false_positive_alerts: number;
  disruption: number;
}

function score(exercise: string, pack: string): Score {
  const result = cli(['exercise-score', '--exercise', exercise, '--pack', pack, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Score;
}

/** A team's prepared rule set: the shipped classifiers plus one rule of their own. */
function preparedPack(rule: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'team-pack-'));
  cpSync(join(root, 'policies/default/classifiers'), join(dir, 'classifiers'), { recursive: true });
  writeFileSync(join(dir, 'team-rule.yml'), rule);
  return dir;
}

const CARD_MAIL_RULE = `title: Card numbers in mail to outside domains
id: team-card-mail
logsource: { category: email }
detection:
  plain:
    event.action: send
    email.encrypted: false
  internal:
    destination.domain: meridian.example
  condition: plain and not internal and cards
content:
  cards: { classifier: credit-card-number, min_count: 1, min_confidence: medium }
response: { action: block, severity: high, owner: it, category: leakage }
`;

describe('exercise-score command', () => {
  it('scores an empty pack 0 with F1 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'empty-pack-'));
    writeFileSync(join(dir, 'nothing.yml'), '# no rules yet\n');
    const result = score('card-data-by-mail', dir);
    expect(result).toMatchObject({ score: 0, f1: 0, recall: 0, alerts: 0, first_detected_step: null });
  });

  it('scores the default pack well on the easy exercise: every hidden step caught', () => {
    const result = score('card-data-by-mail', 'policies/default');
    expect(result.recall).toBe(1);
    expect(result.f1).toBeGreaterThan(0.8);
    expect(result.score).toBeGreaterThan(80);
    expect(result.first_detected_step).toBe(1);
  });

  it('scores a one-rule team pack between nothing and the default pack, with its blocks counted', () => {
    const team = score('card-data-by-mail', preparedPack(CARD_MAIL_RULE));
    expect(team.alerts).toBeGreaterThan(0);
    expect(team.recall).toBeGreaterThan(0);
    expect(team.score).toBeGreaterThan(0);
    expect(team.score).toBeLessThanOrEqual(100);
    // Wrong blocks are block actions on benign events: never more than the false positives.
    expect(team.disruption).toBeLessThanOrEqual(team.false_positive_alerts);
  });

  it('gives a pack no sight of the hidden answers: a rule on labels.* catches nothing', () => {
    // The generated events carry the ground truth as labels.scenario / labels.step; a team that
    // wrote rules on them (or searched every field for a scenario id) would score 100.
    const dir = mkdtempSync(join(tmpdir(), 'peek-pack-'));
    writeFileSync(
      join(dir, 'peek.yml'),
      `title: Peek at the answers
id: peek-labels
logsource: { product: any }
detection:
  labelled:
    labels.scenario|exists: true
  stepped:
    labels.step|gte: 1
  condition: labelled or stepped
response: { action: warn, severity: low, owner: it, category: leakage }
---
title: Search every field for a scenario id
id: peek-keyword
logsource: { product: any }
detection:
  keywords:
    - card-data-by-mail
  condition: keywords
response: { action: warn, severity: low, owner: it, category: leakage }
`,
    );
    const peek = score('card-data-by-mail', dir);
    expect(peek).toMatchObject({ alerts: 0, recall: 0, score: 0 });
  });

  it('scores a pack that alerts on every event near 0, not for its earliness or lack of blocks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'noisy-pack-'));
    const everything = (id: string, action: string) => `title: Everything (${action})
id: ${id}
logsource: { product: any }
detection:
  any:
    '@timestamp|exists': true
  condition: any
response: { action: ${action}, severity: low, owner: it, category: leakage }
`;
    writeFileSync(join(dir, 'all.yml'), everything('all-warn', 'warn'));
    const warned = score('card-data-by-mail', dir);
    expect(warned.recall).toBe(1);
    expect(warned.score).toBeLessThan(2);
    writeFileSync(join(dir, 'all.yml'), everything('all-block', 'block'));
    const blocked = score('card-data-by-mail', dir);
    expect(blocked.disruption).toBeGreaterThan(1000);
    expect(blocked.score).toBeLessThan(2);
  });

  it('names the nearest exercise when the id is misspelled, with exit 2 and one line', () => {
    const result = cli(['exercise-score', '--exercise', 'card-data-by-mial', '--pack', 'policies/default']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('did you mean "card-data-by-mail"');
  });
});

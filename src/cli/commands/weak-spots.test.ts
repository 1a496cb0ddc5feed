import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

interface Finding {
  kind: string;
  severity: string;
  owner: string;
  subject: string;
  evidence: string[];
  text: string;
}

describe('weak-spots command on the classroom dataset', () => {
  const result = cli(['weak-spots', '--data', 'sample-data/classroom', '--format', 'json']);
  const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
  const subjects = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => f.subject);

  it('prints {"findings":[{kind,severity,owner,subject,evidence,text}]} covering every kind', () => {
    expect(result.status).toBe(0);
    for (const f of findings) {
      expect(['informational', 'low', 'medium', 'high', 'critical']).toContain(f.severity);
      expect(['it', 'security', 'both']).toContain(f.owner);
      expect(f.text.length).toBeGreaterThan(20);
      expect(Array.isArray(f.evidence)).toBe(true);
    }
    expect(new Set(findings.map((f) => f.kind))).toEqual(
      new Set([
        'excess_rights',
        'sod_conflict',
        'unencrypted_channel',
        'weak_credentials',
        'dormant_account',
        'departing_user_access',
        'hr_red_flag_behaviour_change',
      ]),
    );
  });

  // Hand-checked against the scenarios injected into the classroom dataset (dataset.json actors).
  it('finds the weak spots the injected scenarios exploit', () => {
    // former-partner-access: hhughes left in January and the account is still used.
    expect(subjects('dormant_account')).toContain('hhughes');
    // vendor-bank-change-self-approval: nadams changed the bank details and approved the payment.
    expect(subjects('sod_conflict').some((s) => s.startsWith('nadams → erp.'))).toBe(true);
    // shared-credentials-impossible-travel: the shared ops account and vivanova's travel.
    expect(subjects('weak_credentials')).toEqual(expect.arrayContaining(['ops-shared', 'vivanova']));
    // departing-sales-customer-data: mpatel resigned and still holds access.
    expect(subjects('departing_user_access')).toContain('mpatel');
    // disgruntled-admin-sabotage and night-printing-confidential: HR red flags, then behaviour change.
    expect(subjects('hr_red_flag_behaviour_change')).toEqual(expect.arrayContaining(['idubois', 'jyoung']));
    // contractor-source-clone: the contractor's over-broad repository rights.
    expect(subjects('excess_rights').some((s) => s.startsWith('gzimmer'))).toBe(true);
    // negligent-card-data-email: card numbers by plain SMTP to the partner.
    const partner = findings.find((f) => f.subject === 'smtp://paylink-partners.example');
    expect(partner).toMatchObject({ kind: 'unencrypted_channel', severity: 'high' });
  });

  it('names evidence events that exist in the dataset for log-based findings', () => {
    const dormant = findings.find((f) => f.kind === 'dormant_account' && f.subject === 'hhughes');
    expect(dormant?.evidence.length).toBeGreaterThan(0);
    for (const id of dormant?.evidence ?? []) expect(id).toMatch(/^evt-\d+$/);
  });

  it('exports CSV with a header and one row per finding', () => {
    const csv = cli(['weak-spots', '--data', 'sample-data/classroom', '--format', 'csv']);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('kind,severity,owner,subject,evidence,text');
    expect(lines.filter((l) => /^[a-z_]+,(informational|low|medium|high|critical),/.test(l))).toHaveLength(
      findings.length,
    );
  });
});

describe('weak-spots command on data it cannot read', () => {
  it('exits 1 when no event could be read, still printing the (empty) register', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weak-spots-data-'));
    writeFileSync(join(dir, 'log.ndjson'), '{"event.id": "a",\n{broken\n');
    const run = cli(['weak-spots', '--data', join(dir, 'log.ndjson'), '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toHaveProperty('findings');
    expect(run.stderr).toContain('nothing was reviewed');
  });
});

describe('weak-spots command with a broken pack', () => {
  it('names the pack error and exits 1, as evaluate does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weak-spots-pack-'));
    writeFileSync(
      join(dir, 'classifier.yml'),
      ['kind: classifier', 'id: broken', 'name: broken', 'patterns:', "  - regex: '(unclosed'"].join('\n'),
    );
    const run = cli(['weak-spots', '--data', 'sample-data/classroom', '--pack', dir, '--format', 'json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/classifier\.yml:\d+:\d+: /);
  });

  it('names a broken rule as file:line:col, though the register does not read rules, and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weak-spots-rule-'));
    writeFileSync(
      join(dir, 'rules.yml'),
      [
        'title: Card mail',
        'id: card-mail',
        'logsource: { product: dlp }',
        'detection:',
        '  sel:',
        '    event.category: email',
        '    content|contans: card',
        '  condition: sel',
      ].join('\n'),
    );
    const data = join(dir, 'events.ndjson');
    writeFileSync(data, '{"@timestamp":"2026-03-02T10:00:00Z","event.category":"email","user.name":"ann"}\n');
    const run = cli(['weak-spots', '--data', data, '--pack', dir, '--format', 'json']);
    expect(run.stderr).toContain('rules.yml:7:5: unknown modifier "contans" (did you mean "contains"?)');
    expect(run.stderr.split('\n').filter((line) => line.includes('contans'))).toHaveLength(1);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('findings');
  });
});

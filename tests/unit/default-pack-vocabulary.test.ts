// The default pack on logs in the words real sources use (tests/fixtures/real-vocabulary, written
// by its build.mjs): Windows Security events through Winlogbeat (`logged-in`), Okta
// (`user.session.start`), Entra ID sign-ins (`Sign-in activity`), CloudTrail (`ConsoleLogin`),
// Google Workspace (`login_success` / `login_failure`) and Linux auditd (`USER_LOGIN` /
// `USER_AUTH`). Its logon rules must read them as they read our generator's `logon` /
// `logon-failed`, and leave their benign counterparts quiet. Microsoft 365's audit log and
// Windows group changes are given our words by their importers (`logon`, `forward-rule-create`,
// `rename`, `send`, `group-add`): the rules that read those words must fire on them too. Loaded exactly as
// `evaluate --pack policies/default --data <file>` loads them, through the real importers.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackFiles } from '../../src/cli/pack-files.ts';
import { readDataset } from '../../src/cli/read-dataset.ts';
import { compilePack, type CompiledPack } from '../../src/engine/pack.ts';
import { runPack } from '../../src/engine/run/run-pack.ts';
import type { DirectoryUser } from '../../src/engine/types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

let pack: CompiledPack;
beforeAll(async () => {
  const compiled = compilePack(await readPackFiles(`${root}policies/default`));
  expect(compiled.errors.map((e) => `${e.file}:${e.line} ${e.message}`)).toEqual([]);
  pack = compiled.pack;
});

/** The fixture read as `evaluate --data` reads it, run with the given directory. */
async function run(file: string, directory: DirectoryUser[] = []) {
  const dataset = await readDataset(`${root}tests/fixtures/real-vocabulary/${file}`);
  expect(dataset.errors.filter((e) => e.severity !== 'warning')).toEqual([]);
  return runPack(pack, dataset.events, { ...dataset.context, directory });
}

/** `rule user` of each alert of the rules named. */
function alerts(result: ReturnType<typeof runPack>, ...rules: string[]): string[] {
  return result.alerts.filter((a) => rules.includes(a.rule)).map((a) => `${a.rule} ${a.user ?? ''}`);
}

const person = (name: string): DirectoryUser => ({ name, department: 'Finance', role: 'accountant' });

describe('Windows Security logons through Winlogbeat (4624 logged-in)', () => {
  it('are logons: a day worker logging on at 02:14 is off hours, and on a colleague’s PC a new host', async () => {
    const result = await run('winlogbeat-security.ndjson', [person('kfischer'), person('jmaier')]);
    const offHours = result.alerts.filter((a) => a.rule === 'cert-off-hours-logon');
    expect(offHours.map((a) => `${a.user} ${a.timestamp}`)).toEqual(['kfischer 2026-03-30T02:14:09Z']);
    const newHost = result.alerts.filter((a) => a.rule === 'cert-new-host-logon');
    expect(newHost.map((a) => `${a.user} ${a.timestamp}`)).toEqual(['kfischer 2026-03-30T02:31:47Z']);
  });

  it('by an account the directory lacks alert; network logons and the Window Manager’s sessions do not', async () => {
    // kfischer is missing from the directory; svc-backup's nightly network logons (type 3) and the
    // DWM-1 sessions are no one at a keyboard, so they raise nothing though missing too.
    const result = await run('winlogbeat-security.ndjson', [person('jmaier')]);
    const unknown = alerts(result, 'logon-unknown-account');
    expect(unknown.length).toBe(22);
    expect(new Set(unknown)).toEqual(new Set(['logon-unknown-account kfischer']));
  });

  it('read the same after Elastic’s ingest pipeline: an interactive logon counts, network and DWM do not', async () => {
    // A directory that lists none of these accounts: only the interactive logon is someone unknown.
    const result = await run('elastic-windows-logons.ndjson', [person('jmaier')]);
    expect(alerts(result, 'logon-unknown-account')).toEqual(['logon-unknown-account kfischer']);
  });
});

describe('cloud and Linux sign-ins', () => {
  it('Okta: five failed session starts in minutes are a brute force; one mistyped password is not', async () => {
    const result = await run('okta-system-log.json');
    expect(alerts(result, 'failed-logon-burst')).toEqual(['failed-logon-burst dana.k@acme.example']);
  });

  it('Okta: a session start is a logon, by an account the directory lacks', async () => {
    const result = await run('okta-system-log.json', [person('dana.k@acme.example')]);
    expect(alerts(result, 'logon-unknown-account')).toEqual(['logon-unknown-account lee.m@acme.example']);
  });

  it('Entra ID: password-only interactive sign-ins from two countries within an hour are impossible travel', async () => {
    // ben.o's second sign-in required MFA (he was there), cem.a's was a token refresh: both quiet.
    const result = await run('entra-sign-ins.json');
    expect(alerts(result, 'impossible-travel')).toEqual(['impossible-travel anna.w@contoso.example']);
  });

  it('Entra ID: five wrong passwords are a brute force; five MFA and "stay signed in?" interrupts are not', async () => {
    const result = await run('entra-sign-ins.json');
    expect(alerts(result, 'failed-logon-burst')).toEqual(['failed-logon-burst dora.f@contoso.example']);
  });

  it('CloudTrail: four failed console sign-ins in minutes are a brute force; one, then success, is not', async () => {
    const result = await run('cloudtrail-console.json', [person('deploy-admin')]);
    expect(alerts(result, 'failed-logon-burst')).toEqual(['failed-logon-burst deploy-admin']);
    expect(alerts(result, 'logon-unknown-account')).toEqual(['logon-unknown-account jdoe']);
  });

  it('Google Workspace: four login_failure in minutes are a brute force; one, then success, is not', async () => {
    const result = await run('google-workspace-login.json', [person('fin.ops@acme.example')]);
    expect(alerts(result, 'failed-logon-burst')).toEqual(['failed-logon-burst fin.ops@acme.example']);
    expect(alerts(result, 'logon-unknown-account')).toEqual(['logon-unknown-account gus.t@acme.example']);
  });

  it('auditd: four failed USER_AUTH over ssh are a brute force; one, then USER_LOGIN, is not', async () => {
    const result = await run('audit.log', [person('root')]);
    expect(alerts(result, 'failed-logon-burst')).toEqual(['failed-logon-burst root']);
    expect(alerts(result, 'logon-unknown-account')).toEqual(['logon-unknown-account hana.v']);
  });
});

describe('Microsoft 365 unified audit log (Management Activity API)', () => {
  it('UserLoggedIn is a logon: by an account the directory lacks it alerts, an application signing in does not', async () => {
    const result = await run('m365-audit.json', [person('ola.n@contoso.example')]);
    const unknown = alerts(result, 'logon-unknown-account');
    expect(unknown).toEqual(Array(3).fill('logon-unknown-account pia.r@contoso.example'));
  });

  it('UserLoginFailed: five wrong passwords in minutes are a brute force; five MFA and "stay signed in?" interrupts are not', async () => {
    const result = await run('m365-audit.json');
    expect(alerts(result, 'failed-logon-burst')).toEqual(['failed-logon-burst ola.n@contoso.example']);
  });

  it('an inbox rule forwarding to a free-mail address alerts; one filing mail away or redirecting to a colleague does not', async () => {
    const result = await run('m365-audit.json');
    expect(alerts(result, 'mail-forward-rule-external')).toEqual([
      'mail-forward-rule-external ola.n@contoso.example',
    ]);
  });

  it('a SharePoint file renamed from a spreadsheet to a photo alerts; a report renamed as a report does not', async () => {
    const result = await run('m365-audit.json');
    expect(alerts(result, 'rename-disguise-extension')).toEqual([
      'rename-disguise-extension ola.n@contoso.example',
    ]);
  });

  it('mail sent as another mailbox (SendAs) is mail under another person’s address; her own Send is not', async () => {
    const result = await run('m365-audit.json', [
      { ...person('ola.n@contoso.example'), email: 'ola.n@contoso.example' },
    ]);
    const sentAs = result.alerts.filter((a) => a.rule === 'email-sent-as-another-user');
    expect(sentAs.map((a) => `${a.user} ${a.timestamp}`)).toEqual([
      'ola.n@contoso.example 2026-03-25T21:47:13Z',
    ]);
  });
});

describe('Windows Security group changes through Winlogbeat (4728, 4732, 4756)', () => {
  it('members added at night to Domain Admins or Administrators alert; by day, or to a project group, not', async () => {
    const result = await run('winlogbeat-changes.ndjson');
    const grants = result.alerts.filter((a) => a.rule === 'privilege-grant-after-hours');
    expect(grants.map((a) => `${a.user} ${a.timestamp}`)).toEqual([
      'rkoch 2026-03-26T23:06:54Z',
      'rkoch 2026-03-26T23:09:12Z',
    ]);
  });

  it('by an administrator with HR concerns, every add (the log holds no change ticket) is an at-risk admin’s grant', async () => {
    const result = await run('winlogbeat-changes.ndjson', [
      { ...person('rkoch'), role: 'sysadmin', hr: { performance_plan: true } },
      person('svc.desk'),
    ]);
    const atRisk = result.alerts.filter((a) => a.rule === 'iam-user-create-at-risk-admin');
    expect(atRisk.map((a) => `${a.user} ${a.timestamp}`)).toEqual([
      'rkoch 2026-03-26T23:06:54Z',
      'rkoch 2026-03-26T23:09:12Z',
      'rkoch 2026-03-26T23:11:40Z',
    ]);
  });
});

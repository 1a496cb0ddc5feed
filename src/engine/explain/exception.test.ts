import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { compilePack } from '../pack.ts';
import type { CompiledPack } from '../pack.ts';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { prepareEvent } from '../evaluate/scan-events.ts';
import { makeJoiner } from '../event/join.ts';
import { narrowestException, sigmaLiteral } from './exception.ts';

const RULES = `title: Mail to a personal address
id: personal-mail
logsource: { category: email }
detection:
  selection:
    event.action: send
    email.to|endswith: ['@gmail.com', '@outlook.com']
  condition: selection
level: medium
---
title: Copy of a document to USB
id: usb-doc
logsource: { category: file }
detection:
  selection:
    event.action: copy
    device.type: usb
  filter_fp_1:
    user.department: IT
  condition: selection and not filter_fp_1
level: medium
`;

const CONTEXT: DatasetContext = {
  manifest: { id: 'tiny', title: 'Tiny labelled dataset' },
  entitlements: [],
  scenarios: [],
  directory: [
    { name: 'ann', department: 'Facilities', role: 'clerk' },
    { name: 'bob', department: 'Facilities', role: 'clerk' },
    { name: 'carl', department: 'Sales', role: 'account manager' },
    { name: 'dana', department: 'Facilities', role: 'manager' },
  ],
  resources: [],
};

const mail = (id: string, user: string, to: string, scenario?: string): EngineEvent => ({
  'event.id': id,
  'event.category': 'email',
  'event.action': 'send',
  'user.name': user,
  'email.to': to,
  ...(scenario ? { 'labels.scenario': scenario } : {}),
});

// ann and bob (clerks in Facilities) mail themselves at home: false positives. carl (Sales) and
// dana (a Facilities manager) exfiltrate: labelled true positives.
const EVENTS: EngineEvent[] = [
  mail('fp1', 'ann', 'ann.home@gmail.com'),
  mail('fp2', 'ann', 'ann.home@gmail.com'),
  mail('fp3', 'bob', 'bob@outlook.com'),
  mail('tp1', 'carl', 'carl.private@gmail.com', 'exfil'),
  mail('tp2', 'dana', 'dana@outlook.com', 'exfil'),
  mail('ok1', 'ann', 'supplier@partner.example'),
];

function compiled(text = RULES): CompiledPack {
  const result = compilePack([{ name: 'rules.yml', text }]);
  expect(result.errors).toEqual([]);
  return result.pack;
}

/** The ids of the events the rule matches, as a run would. */
function matchedIds(pack: CompiledPack, ruleId: string, events: readonly EngineEvent[]): string[] {
  const rule = pack.rules.find((r) => r.id === ruleId);
  const join = makeJoiner(CONTEXT);
  return events
    .map((e) => prepareEvent(pack, join, e))
    .filter((event) => rule?.test({ event, spans: () => [] }))
    .map((e) => String(e['event.id']));
}

describe('narrowestException', () => {
  it('proposes the exception that silences the most false positives and loses no true positive', () => {
    const answer = narrowestException(
      compiled(),
      { rule: 'personal-mail', events: ['fp1'] },
      EVENTS,
      CONTEXT,
    );
    expect(answer).toMatchObject({ rule: 'personal-mail', falsePositives: 3, truePositives: 2 });
    const [best, second, third] = answer?.proposals ?? [];
    // The role covers all three clerks' mails; dana is a manager, so no true positive is lost.
    expect(best).toMatchObject({
      key: 'user.role',
      value: 'clerk',
      form: 'directory',
      falsePositivesSilenced: 3,
      truePositivesLost: 0,
    });
    // Two false positives each: the address is narrower than the user (ann also mails a supplier).
    expect(second).toMatchObject({ key: 'email.to', falsePositivesSilenced: 2, eventsMatched: 2 });
    expect(third).toMatchObject({
      key: 'user.name',
      value: 'ann',
      falsePositivesSilenced: 2,
      eventsMatched: 3,
    });
    for (const p of answer?.proposals ?? []) expect(p.truePositivesLost).toBe(0);
  });

  it('ranks an exception on what the event did before one on who did it (a directory fact)', () => {
    // erin, the only intern, mails a club address others receive mail from: a false positive. Each
    // exception silences it alone; the user and her role are narrower than the address, yet come
    // after it.
    const context: DatasetContext = {
      ...CONTEXT,
      directory: [...CONTEXT.directory, { name: 'erin', department: 'Sales', role: 'intern' }],
    };
    const received = (id: string, user: string): EngineEvent => ({
      ...mail(id, user, 'club@gmail.com'),
      'event.action': 'receive',
    });
    const events = [
      mail('fp1', 'erin', 'club@gmail.com'),
      mail('tp1', 'carl', 'carl.private@gmail.com', 'exfil'),
      received('r1', 'ann'),
      received('r2', 'bob'),
      received('r3', 'dana'),
    ];
    const answer = narrowestException(
      compiled(),
      { rule: 'personal-mail', events: ['fp1'] },
      events,
      context,
    );
    expect(answer?.proposals.map((p) => [p.key, p.value, p.eventsMatched])).toEqual([
      ['email.to', 'club@gmail.com', 4],
      ['user.name', 'erin', 1],
      ['user.role', 'intern', 1],
    ]);
  });

  it('rejects the wider exceptions that would lose a true positive, with the count', () => {
    const answer = narrowestException(
      compiled(),
      { rule: 'personal-mail', events: ['fp1'] },
      EVENTS,
      CONTEXT,
      {
        rejectedLimit: 10,
      },
    );
    const keys = (answer?.proposals ?? []).map((p) => `${p.key}=${p.value}`);
    expect(keys).not.toContain('user.department=Facilities');
    expect(keys).not.toContain('email.to|endswith=@gmail.com');
    expect(answer?.rejected).toContainEqual(
      expect.objectContaining({ key: 'user.department', falsePositivesSilenced: 3, truePositivesLost: 1 }),
    );
    expect(answer?.rejected).toContainEqual(
      expect.objectContaining({ key: 'email.to|endswith', value: '@gmail.com', truePositivesLost: 1 }),
    );
    expect(answer?.rejected).toContainEqual(
      expect.objectContaining({ key: 'event.action', truePositivesLost: 2 }),
    );
  });

  it('writes YAML that, pasted into the rule, silences the alert and keeps every true positive', () => {
    const pack = compiled();
    const answer = narrowestException(pack, { rule: 'personal-mail', events: ['fp1'] }, EVENTS, CONTEXT);
    const best = answer?.proposals[0];
    expect(best?.yaml).toBe('filter_fp_1: { user.role: "clerk" }\ncondition: selection and not filter_fp_1');
    const snippet = parse(best?.yaml ?? '') as Record<string, unknown>;
    const [mailRule, usbRule] = parseAllDocuments(RULES).map((d) => d.toJS() as Record<string, unknown>);
    const detection = mailRule?.detection as Record<string, unknown>;
    Object.assign(detection, snippet);
    const edited = `${stringify(mailRule)}---\n${stringify(usbRule)}`;
    expect(matchedIds(pack, 'personal-mail', EVENTS)).toEqual(['fp1', 'fp2', 'fp3', 'tp1', 'tp2']);
    expect(matchedIds(compiled(edited), 'personal-mail', EVENTS)).toEqual(['tp1', 'tp2']);
  });

  it('names the filter so it does not clash and brackets a compound condition', () => {
    const usb = (id: string, user: string, path: string, scenario?: string): EngineEvent => ({
      'event.id': id,
      'event.category': 'file',
      'event.action': 'copy',
      'device.type': 'usb',
      'user.name': user,
      'file.path': path,
      ...(scenario ? { 'labels.scenario': scenario } : {}),
    });
    const events = [
      usb('f1', 'ann', 'C:\\Users\\ann\\Templates\\*draft?.docx'),
      usb('f2', 'bob', 'D:\\Templates\\*draft?.docx'),
      usb('t1', 'carl', 'C:\\Users\\carl\\Documents\\pipeline.xlsx', 'exfil'),
    ];
    const answer = narrowestException(compiled(), { rule: 'usb-doc', events: ['f1'] }, events, CONTEXT, {
      limit: 50,
    });
    const suffix = answer?.proposals.find(
      (p) => p.key === 'file.path|endswith' && p.value === '\\Templates\\\\\\*draft\\?.docx',
    );
    // Wildcards in the data are escaped, so the exception matches them literally.
    expect(suffix).toMatchObject({ falsePositivesSilenced: 2, truePositivesLost: 0, eventsMatched: 2 });
    expect(suffix?.filter).toEqual({
      name: 'filter_fp_2',
      selection: { 'file.path|endswith': '\\Templates\\\\\\*draft\\?.docx' },
      condition: '(selection and not filter_fp_1) and not filter_fp_2',
    });
    expect(answer?.proposals.every((p) => p.truePositivesLost === 0)).toBe(true);
    expect(
      answer?.proposals.some((p) => p.key === 'file.path|startswith' && p.value === 'C:\\Users\\ann\\'),
    ).toBe(true);
  });

  it('silences a correlation through the rule it counts, checked by a new run', () => {
    const text = `title: Job board visit
id: job-visit
logsource: { category: web }
detection:
  selection:
    event.action: visit
    destination.domain: [monster.com, indeed.com]
  condition: selection
level: low
---
title: Job search campaign
id: job-search
correlation:
  type: event_count
  rules: [job-visit]
  group-by: [user.name]
  timespan: 30d
  condition: { gte: 2 }
level: medium
`;
    const visit = (
      id: string,
      user: string,
      day: number,
      domain: string,
      scenario?: string,
    ): EngineEvent => ({
      'event.id': id,
      '@timestamp': `2026-02-0${day}T12:00:00Z`,
      'event.category': 'web',
      'event.action': 'visit',
      'user.name': user,
      'destination.domain': domain,
      ...(scenario ? { 'labels.scenario': scenario } : {}),
    });
    const events = [
      visit('v1', 'ann', 1, 'monster.com'),
      visit('v2', 'ann', 2, 'monster.com'),
      visit('v3', 'carl', 3, 'indeed.com', 'leaver'),
      visit('v4', 'carl', 4, 'indeed.com', 'leaver'),
    ];
    const answer = narrowestException(
      compiled(text),
      { rule: 'job-search', events: ['v1', 'v2'] },
      events,
      CONTEXT,
      {
        rejectedLimit: 10,
      },
    );
    expect(answer).toMatchObject({ rule: 'job-search', falsePositives: 1, truePositives: 1 });
    expect(answer?.proposals[0]).toMatchObject({
      rule: 'job-visit',
      falsePositivesSilenced: 1,
      truePositivesLost: 0,
      silencesRule: false,
      disablesRule: false,
    });
    const keys = answer?.proposals.map((p) => `${p.key}=${p.value}`);
    expect(keys).toContain('destination.domain=monster.com');
    expect(keys).toContain('user.name=ann');
    expect(answer?.rejected).toContainEqual(
      expect.objectContaining({
        key: 'event.action',
        value: 'visit',
        truePositivesLost: 1,
        disablesRule: true,
      }),
    );
  });

  it('escapes Sigma wildcards and is null for a rule the pack does not have', () => {
    expect(sigmaLiteral('a*b?c\\')).toBe('a\\*b\\?c\\');
    expect(sigmaLiteral('C:\\Users\\x')).toBe('C:\\Users\\x');
    expect(narrowestException(compiled(), { rule: 'nope', events: ['fp1'] }, EVENTS, CONTEXT)).toBeNull();
  });
});

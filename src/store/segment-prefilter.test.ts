// A pool worker adds one decoded segment at a time, and the shard passes over, without making
// them, the events no candidate rule can match (`ColumnPrefilter`). What it passes over must never
// change the result: the shard of per-segment sources equals the shard of the same events as an
// array (which has no columns and makes every event), for rules of every kind the prefilter reads
// or must leave alone, whatever the segment size.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../engine/pack.ts';
import { startShard, type ShardResult } from '../engine/run/evaluate-shard.ts';
import { occurrencesOnly } from '../engine/run/merge-shards.ts';
import type { DatasetContext, EngineEvent } from '../engine/types.ts';
import { decodeSegment, encodeSegment } from './segment-codec.ts';
import { countedSource } from '../../tests/store/counted-source.ts';

const RULES = `title: Mail to a personal address
id: personal-mail
logsource: { category: email }
detection:
  selection:
    event.action: send
    email.to|endswith: ['@gmail.com', '@proton.me']
  condition: selection
level: medium
---
title: Finance reads at night (department from the directory, or the event's own)
id: finance-night
logsource: { category: file }
detection:
  selection:
    event.action: read
    user.department: finance
  night:
    - '@timestamp|hour|gte': 20
    - '@timestamp|hour|lt': 6
  condition: selection and night
level: high
---
title: Leaver copies (a directory field only some users have)
id: leaver-copy
detection:
  selection:
    event.action: copy
    user.hr.resignation_date|re: '^\\d{4}-'
  condition: selection
level: high
---
title: Big transfer
id: big-transfer
detection:
  selection:
    event.action|contains: upload
    file.size|gte: 5000
  condition: selection
level: low
---
title: Secret in a chat message
id: chat-secret
logsource: { category: chat }
detection:
  selection:
    event.action: message
  condition: selection and secret
content:
  secret: { classifier: project-word }
level: high
---
title: Untagged file
id: untagged
logsource: { category: file }
detection:
  selection:
    event.action: read
    file.tag: null
  condition: selection
level: low
---
title: No ticket on a VIP record
id: vip-no-ticket
detection:
  selection:
    event.action: query
    resource.vip: true
  ticketed:
    support.ticket|exists: true
  condition: selection and not ticketed
level: high
---
title: Sent as someone else
id: sent-as-other
logsource: { category: email }
detection:
  selection:
    event.action: send
  same:
    email.from|fieldref: user.email
  condition: selection and not same
level: medium
---
title: A field no event has
id: absent-field
detection:
  selection:
    event.action: read
    process.name: powershell.exe
  condition: selection
level: low
---
title: A property name every object answers
id: constructor-field
detection:
  selection:
    constructor|exists: true
    event.action: logon
  condition: selection
level: low
`;

/** A keyword searches every field: every event is a candidate, none is passed over. */
const KEYWORD_RULE = `title: Keyword anywhere
id: keyword
detection:
  words: [bluebird]
  condition: words
level: low
`;

const CLASSIFIER = `kind: classifier
id: project-word
name: Project name
patterns:
  - name: the code name
    confidence: high
    keywords: [bluebird, nightjar]
`;

const CONTEXT: DatasetContext = {
  manifest: { id: 'prefilter', title: 'Prefilter' },
  directory: [
    { name: 'ann', department: 'finance', email: 'ann@corp.example' },
    { name: 'bob', department: 'sales', email: 'bob@corp.example', hr: { resignation_date: '2026-01-31' } },
    { name: 'cy', department: 'finance', email: 'cy@corp.example' },
  ],
  resources: [
    { id: 'crm-vip', vip: true },
    { id: 'crm', vip: false },
  ],
  entitlements: [],
  scenarios: [],
};

/** Events of every shape the rules above read, some labelled, some with users no directory has. */
function events(count: number): EngineEvent[] {
  const users = ['ann', 'bob', 'cy', 'dee', undefined];
  const list: EngineEvent[] = [];
  for (let i = 0; i < count; i++) {
    const user = users[i % users.length];
    const hour = (i * 7) % 24;
    const base: EngineEvent = {
      '@timestamp': `2026-03-0${1 + (i % 5)}T${String(hour).padStart(2, '0')}:15:00Z`,
      'event.id': `e${i}`,
    };
    if (user) base['user.name'] = user;
    const shape = i % 9;
    if (shape === 0)
      list.push({
        ...base,
        'event.category': 'email',
        'event.action': 'send',
        'email.to': i % 2 ? 'x@gmail.com' : 'y@corp.example',
        'email.from': i % 3 ? `${user ?? 'nobody'}@corp.example` : 'ceo@corp.example',
      });
    else if (shape === 1)
      list.push({
        ...base,
        'event.category': 'file',
        'event.action': 'read',
        ...(i % 4 === 0 ? { 'file.tag': 'public' } : {}),
        // An event's own department wins over the directory's.
        ...(i % 6 === 1 ? { 'user.department': 'finance' } : {}),
      });
    else if (shape === 2)
      // ECS-style lists of categories, of one and of two.
      list.push({ ...base, 'event.category': i % 4 ? 'file' : ['file', 'host'], 'event.action': 'copy' });
    else if (shape === 3)
      list.push({ ...base, 'event.action': 'web-upload', 'file.size': (i * 997) % 10_000 });
    else if (shape === 4)
      list.push({
        ...base,
        'event.category': 'chat',
        'event.action': 'message',
        ...(i % 4 === 0 ? {} : { content: i % 2 ? 'lunch at noon?' : 'the nightjar figures are in' }),
      });
    else if (shape === 5)
      list.push({
        ...base,
        'event.category': 'database',
        'event.action': 'query',
        'resource.id': i % 2 ? 'crm-vip' : 'crm',
        ...(i % 4 === 1 ? { 'support.ticket': 'SUP-12' } : {}),
      });
    else if (shape === 6)
      list.push({
        ...base,
        'event.category': i % 3 ? 'web' : ['network', 'web'],
        'event.action': 'visit',
        'url.path': i % 5 ? '/' : '/bluebird',
      });
    else if (shape === 7) list.push({ ...base, 'event.category': 'authentication', 'event.action': 'logon' });
    else
      list.push({
        ...base,
        'event.category': 'process',
        'event.action': 'start',
        'labels.scenario': i % 2 ? 'exfil' : '',
      });
  }
  return list;
}

function shardOf(
  source: 'array' | 'segments',
  list: EngineEvent[],
  size: number,
  rules = RULES,
  lean = false,
): { result: ShardResult; made: number; madeCategories: Set<unknown> } {
  const compiled = compilePack([
    { name: 'rules.yml', text: rules },
    { name: 'classifiers.yml', text: CLASSIFIER },
  ]);
  expect(compiled.errors).toEqual([]);
  // `lean`: as a pool worker asks for it, matches that only feed correlations kept as occurrences.
  const shard = startShard(
    compiled.pack!,
    CONTEXT,
    lean ? { occurrencesOnly: occurrencesOnly(compiled.pack!) } : {},
  );
  let made = 0;
  const madeCategories = new Set<unknown>();
  for (let at = 0; at < list.length; at += size) {
    const segment = encodeSegment(list.slice(at, at + size));
    if (source === 'array') {
      shard.add(decodeSegment(segment));
      made += segment.count;
      continue;
    }
    const counted = countedSource(segment, (event) => {
      made++;
      madeCategories.add(event?.['event.category']);
    });
    shard.add(counted);
  }
  return { result: shard.finish(), made, madeCategories };
}

describe('segments passed over by the column prefilter', () => {
  it('give the same shard as every event made, for every segment size', () => {
    const list = events(720);
    for (const size of [1, 7, 64, 720]) {
      const whole = shardOf('array', list, size);
      const filtered = shardOf('segments', list, size);
      expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole.result));
      // The prefilter did pass over events (else this compares the ordinary path with itself):
      // web visits, which no rule reads, were never made.
      expect(filtered.made).toBeLessThan(list.length);
      expect(filtered.madeCategories.has('web')).toBe(false);
      expect(filtered.madeCategories.has('email')).toBe(true);
    }
  });

  it('read a null value as a value, not as an absent field, as the made event does', () => {
    // A field null on some events, text on others, absent on the rest: stored as a column of JSON
    // values, read per row.
    const list: EngineEvent[] = Array.from({ length: 300 }, (_, i) => {
      const event: EngineEvent = {
        'event.id': `n${i}`,
        'event.category': 'ticketing',
        'event.action': 'close',
      };
      if (i % 3 === 0) event['ticket.approver'] = null;
      else if (i % 3 === 1) event['ticket.approver'] = `mgr${i % 7}`;
      return event;
    });
    const rules = `title: Closed with an approver field, even an empty one
id: approver-field
detection:
  selection:
    event.action: close
    ticket.approver|exists: true
  condition: selection
level: low
---
title: Closed with no approver field at all
id: no-approver-field
detection:
  selection:
    event.action: close
  approver:
    ticket.approver|exists: true
  condition: selection and not approver
level: low
`;
    const whole = shardOf('array', list, 64, rules);
    const filtered = shardOf('segments', list, 64, rules);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole.result));
    expect(filtered.result.ruleCounts['approver-field']).toBe(200);
    expect(filtered.result.ruleCounts['no-approver-field']).toBe(100);
  });

  it('pass over nothing when a keyword rule may match any event', () => {
    const list = events(720);
    const rules = `${RULES}---\n${KEYWORD_RULE}`;
    const whole = shardOf('array', list, 64, rules);
    const filtered = shardOf('segments', list, 64, rules);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole.result));
    expect(filtered.made).toBe(list.length);
    expect(filtered.result.ruleCounts.keyword).toBeGreaterThan(0);
  });

  it('find the matches the rules are written for', () => {
    const { result } = shardOf('segments', events(720), 64);
    for (const rule of [
      'personal-mail',
      'finance-night',
      'leaver-copy',
      'big-transfer',
      'chat-secret',
      'untagged',
      'vip-no-ticket',
      'sent-as-other',
    ])
      expect(result.ruleCounts[rule] ?? 0, rule).toBeGreaterThan(0);
    expect(result.ruleCounts['absent-field']).toBeUndefined();
    // No event has a field named "constructor": an inherited property of every object is not one.
    expect(result.ruleCounts['constructor-field']).toBeUndefined();
    expect(result.truth.labelled.length).toBe(40);
  });

  it('answer a rule comparing two fields (fieldref) from the columns: mail sent as oneself is never made', () => {
    const rules = RULES.split('---').find((doc) => doc.includes('id: sent-as-other'))!;
    // From the sender's own address (the directory's `user.email`), but every fifth as the CEO; some
    // senders are not in the directory (no `user.email`: the rule cannot say "not the same").
    const mail: EngineEvent[] = Array.from({ length: 60 }, (_, i) => {
      const user = ['ann', 'bob', 'cy', 'dee'][i % 4]!;
      return {
        '@timestamp': `2026-03-02T10:${String(i).padStart(2, '0')}:00Z`,
        'event.id': `m${i}`,
        'user.name': user,
        'event.category': 'email',
        'event.action': 'send',
        'email.from': i % 5 === 0 ? 'ceo@corp.example' : `${user}@corp.example`,
      };
    });
    const whole = shardOf('array', mail, 16, rules);
    const filtered = shardOf('segments', mail, 16, rules);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole.result));
    const sentAsOther = filtered.result.ruleCounts['sent-as-other'] ?? 0;
    expect(sentAsOther).toBeGreaterThan(0);
    // Only the events the rule matches are made, to be reported.
    expect(filtered.made).toBe(sentAsOther);
  });

  it('record the occurrences of rules that only feed a correlation from the columns, never making their events', () => {
    // Two building blocks a correlation counts per department (a directory field, read through the
    // head; dee is in no directory), and a rule that alerts on its own: only its matches are made.
    const rules = `title: Logon
id: logon
logsource: { category: authentication }
detection:
  selection: { event.action: logon }
  condition: selection
---
title: Copy by a leaver
id: leaver-copy
detection:
  selection:
    event.action: copy
    user.hr.resignation_date|re: '^\\d{4}-'
  condition: selection
---
title: Personal mail
id: personal-mail
logsource: { category: email }
detection:
  selection: { event.action: send, email.to|endswith: '@gmail.com' }
  condition: selection
level: medium
---
title: Busy department
id: busy-department
correlation:
  type: event_count
  rules: [logon, leaver-copy]
  group-by: [user.department, host.name]
  timespan: 1d
  condition: { gte: 3 }
level: low
`;
    const list = events(720).map((event, i) =>
      i % 2 === 0 ? { ...event, 'host.name': `pc-${i % 4}` } : event,
    );
    const whole = shardOf('array', list, 64, rules, true);
    const filtered = shardOf('segments', list, 64, rules, true);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole.result));
    const fed = (filtered.result.ruleCounts.logon ?? 0) + (filtered.result.ruleCounts['leaver-copy'] ?? 0);
    expect(fed).toBeGreaterThan(50);
    const kept = filtered.result.matches.filter((match) => match.rule === 'logon');
    expect(kept.some((match) => match.event['user.department'] === 'finance')).toBe(true);
    expect(kept.some((match) => match.event['host.name'] !== undefined)).toBe(true);
    // Made: the mail (tested for its address, reported when it matches), labelled events, and the
    // first event of each user (a directory field the data has not shown yet is looked for); never
    // a logon, and far fewer events than the building blocks matched.
    expect(filtered.madeCategories.has('authentication')).toBe(false);
    expect(filtered.madeCategories.has('email')).toBe(true);
    const withoutLean = shardOf('segments', list, 64, rules).made;
    expect(withoutLean - filtered.made).toBeGreaterThanOrEqual(fed - 5);
  });

  it('decide access from the columns as the run would: only denied reads are made', () => {
    const rules = `title: Denied read of a finance file
id: denied-read
detection:
  selection:
    event.action: read
    access.decision: deny
  condition: selection
level: high
---
title: Why a read was allowed
id: allowed-by
detection:
  selection:
    access.reason|contains: 'lets department finance'
  condition: selection
level: low
---
kind: access
id: shares
title: Shares
entitlements:
  - id: finance-share
    departments: [finance]
    actions: [read]
    resources: { ids: [fs-finance] }
    conditions: { working-hours: { days: [mon, tue, wed, thu, fri], from: '07:00', to: '19:00' } }
`;
    // Reads of the finance share by finance (ann, cy) and sales (bob) at every hour, and by someone
    // the directory does not know; some events carry an access decision of their own, which the
    // run's decision replaces where a policy covers the event.
    const reads: EngineEvent[] = Array.from({ length: 96 }, (_, i) => ({
      '@timestamp': `2026-03-02T${String(i % 24).padStart(2, '0')}:10:00Z`,
      'event.id': `r${i}`,
      'user.name': ['ann', 'bob', 'cy', 'zed'][i % 4]!,
      'event.category': 'file',
      'event.action': 'read',
      'resource.id': i % 5 === 0 ? 'fs-other' : 'fs-finance',
      ...(i % 7 === 0 ? { 'access.decision': 'allow' } : {}),
    }));
    const whole = shardOf('array', reads, 16, rules);
    const filtered = shardOf('segments', reads, 16, rules);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole.result));
    const denied = filtered.result.ruleCounts['denied-read'] ?? 0;
    const allowed = filtered.result.ruleCounts['allowed-by'] ?? 0;
    expect(denied).toBeGreaterThan(0);
    expect(allowed).toBeGreaterThan(0);
    // Every read is a candidate; only those a rule matches are made (a read may match both).
    expect(filtered.made).toBeLessThanOrEqual(denied + allowed);
    expect(filtered.made).toBeLessThan(reads.length);
  });

  it('name a rule whose test throws as when every event is made, and never crash the shard', () => {
    // A regular expression over a 10-million-character value overflows V8's backtracking stack
    // (RangeError): the rule fails while matching and is named once. The column answers must not
    // hide that, whatever order they try tests in: `big or ok` (the cheaper `ok` decides first) and
    // `not big` (a negation of the failed test).
    const huge = 'a'.repeat(10_000_000);
    const rules = `title: Big or ok
id: big-or-ok
detection:
  big: { blob|re: '(a|b)*' }
  ok: { host.name: h1 }
  condition: big or ok
level: low
---
title: Not big
id: not-big
detection:
  selection: { event.action: upload }
  big: { blob|re: '(a|b)*' }
  condition: selection and not big
level: low
`;
    const list: EngineEvent[] = [
      { 'event.id': 'e1', 'event.action': 'upload', 'host.name': 'h1', blob: huge },
      { 'event.id': 'e2', 'event.action': 'upload', 'host.name': 'h2', blob: `${'b'.repeat(60)}c` },
      { 'event.id': 'e3', 'event.action': 'upload', 'host.name': 'h1', blob: `${'b'.repeat(60)}c` },
    ];
    const whole = shardOf('array', list, 3, rules).result;
    const filtered = shardOf('segments', list, 3, rules).result;
    expect(whole.errors.map((error) => error.message)).toEqual([
      expect.stringContaining('rule "big-or-ok" failed while matching: RangeError'),
      expect.stringContaining('rule "not-big" failed while matching: RangeError'),
    ]);
    expect(JSON.stringify(filtered)).toBe(JSON.stringify(whole));
  });
});

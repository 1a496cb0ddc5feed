// The shard makes the access decision only where a rule may read it, yet every reported event
// must be what the run would report had it decided access for every event: joined with the
// directory and catalogue, carrying `access.decision` and `access.reason`, without `content`.
import { describe, expect, it } from 'vitest';
import { prepareEvent } from '../evaluate/scan-events.ts';
import { makeJoiner } from '../event/join.ts';
import { compilePack } from '../pack.ts';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { evaluateShard, startShard } from './evaluate-shard.ts';
import { mergeShards } from './merge-shards.ts';

const PACK = [
  {
    name: 'rules.yml',
    text: `title: Any file read
id: file-read
logsource: { category: file }
detection:
  selection:
    event.action: read
  condition: selection
level: low
---
title: Denied file read
id: file-read-denied
logsource: { category: file }
detection:
  selection:
    event.action: read
    file.name|endswith: .xlsx
    access.decision: deny
  condition: selection
level: high
---
title: Mail out
id: mail-out
logsource: { category: email }
detection:
  selection:
    event.action: send
  condition: selection
level: low
`,
  },
  {
    name: 'access.yml',
    text: `kind: access
id: shares
title: File shares
entitlements:
  - id: finance-read
    departments: [finance]
    actions: [read]
    resources: { paths: ['/shares/finance/**'] }
`,
  },
];

const CONTEXT: DatasetContext = {
  manifest: { id: 'tiny', title: 'Tiny' },
  entitlements: [],
  scenarios: [],
  directory: [
    { name: 'ann', department: 'finance', role: 'clerk' },
    { name: 'bob', department: 'sales', role: 'account manager' },
  ],
  resources: [
    { id: 'fin-share', name: 'Finance share', path: '/shares/finance/q1.xlsx', sensitivity: 'confidential' },
  ],
};

const file = (id: string, user: string, extra: EngineEvent = {}): EngineEvent => ({
  '@timestamp': '2026-03-02T10:00:00Z',
  'event.id': id,
  'event.category': 'file',
  'event.action': 'read',
  'user.name': user,
  ...extra,
});

const EVENTS: EngineEvent[] = [
  // In the catalogue: joined, allowed for ann, denied for bob.
  file('e1', 'ann', { 'resource.id': 'fin-share', 'file.name': 'q1.xlsx' }),
  file('e2', 'bob', { 'resource.id': 'fin-share', 'file.name': 'q1.xlsx', content: 'quarter figures' }),
  // Not in the catalogue, by someone outside the directory: decided on the event's own path.
  file('e3', 'eve', { 'resource.id': 'loose', 'resource.path': '/shares/finance/x.csv' }),
  // Mail: no rule of its kind reads the decision, but the reported event carries it.
  {
    '@timestamp': '2026-03-02T11:00:00Z',
    'event.id': 'e4',
    'event.category': 'email',
    'event.action': 'send',
    'user.name': 'bob',
    'resource.id': 'fin-share',
    'resource.path': '/shares/finance/q1.xlsx',
    content: 'see attached',
  },
  // The same by someone outside the directory, on a resource outside the catalogue: not joined.
  {
    '@timestamp': '2026-03-02T12:00:00Z',
    'event.id': 'e5',
    'event.category': 'email',
    'event.action': 'send',
    'user.name': 'eve',
    'resource.id': 'loose',
    'resource.path': '/shares/finance/x.csv',
  },
];

function expectedEvent(event: EngineEvent): EngineEvent {
  const prepared = { ...prepareEvent(pack, makeJoiner(CONTEXT), event) };
  delete prepared.content;
  return prepared;
}

const { pack, errors } = compilePack(PACK);

describe('evaluateShard', () => {
  it('compiles the test pack', () => {
    expect(errors).toEqual([]);
  });

  it('reports each matched event joined and with its access decision, as prepareEvent makes it', () => {
    const { matches } = evaluateShard(pack, EVENTS, CONTEXT);
    expect(matches.map((m) => [m.rule, m.eventId])).toEqual([
      ['file-read', 'e1'],
      ['file-read', 'e2'],
      ['file-read-denied', 'e2'],
      ['file-read', 'e3'],
      ['mail-out', 'e4'],
      ['mail-out', 'e5'],
    ]);
    const byId = new Map(EVENTS.map((e) => [e['event.id'], e]));
    for (const match of matches) {
      expect(JSON.stringify(match.event)).toBe(JSON.stringify(expectedEvent(byId.get(match.eventId)!)));
      expect(match.event['access.decision']).toBeDefined();
    }
  });

  it('gives the same result for events made one at a time as for an array of them', () => {
    let asked = 0;
    const source = {
      length: EVENTS.length,
      at: (index: number) => {
        asked++;
        return { ...EVENTS[index]! };
      },
    };
    expect(evaluateShard(pack, source, CONTEXT, { firstIndex: 10 })).toEqual(
      evaluateShard(pack, EVENTS, CONTEXT, { firstIndex: 10 }),
    );
    expect(asked).toBe(EVENTS.length);
  });

  it('gives the same shard evaluated in parts as in one call', () => {
    for (const cut of [0, 1, 2, 4, EVENTS.length]) {
      const shard = startShard(pack, CONTEXT, { firstIndex: 3 });
      shard.add(EVENTS.slice(0, cut));
      shard.add(EVENTS.slice(cut));
      expect(shard.finish()).toEqual(evaluateShard(pack, EVENTS, CONTEXT, { firstIndex: 3 }));
    }
    // Events without ids are numbered across the parts.
    const anonymous = EVENTS.map(({ 'event.id': _, ...rest }) => rest);
    const parts = startShard(pack, CONTEXT);
    for (const event of anonymous) parts.add([event]);
    const ids = parts.finish().matches.map((m) => m.eventId);
    expect(ids).toEqual(evaluateShard(pack, anonymous, CONTEXT).matches.map((m) => m.eventId));
    expect(ids).toContain('#5');
  });

  it('makes the matches of occurrence-only rules with the fields correlations read, and no others differently', () => {
    const fields = ['user.name', 'user.department', 'resource.sensitivity', 'file.name', 'content'];
    for (const source of [
      EVENTS,
      { length: EVENTS.length, at: (i: number) => EVENTS[i], definedValues: true },
    ]) {
      const all = evaluateShard(pack, source, CONTEXT);
      const lean = evaluateShard(pack, source, CONTEXT, {
        occurrencesOnly: { rules: new Set(['file-read']), fields },
      });
      expect(lean.ruleCounts).toEqual(all.ruleCounts);
      expect(lean.matches).toHaveLength(all.matches.length);
      for (const [index, match] of lean.matches.entries()) {
        const full = all.matches[index]!;
        if (match.rule !== 'file-read') {
          expect(match).toEqual(full);
          continue;
        }
        // What an occurrence keeps of the full match: the same fields, values and order.
        const kept = Object.fromEntries(
          fields.flatMap((f) => (full.event[f] === undefined ? [] : [[f, full.event[f]]])),
        );
        expect(match).toEqual({ ...full, event: kept, explanation: {} });
      }
      // A directory field, read through the head where the event was not joined.
      expect(
        lean.matches.some((m) => m.rule === 'file-read' && m.event['user.department'] === 'finance'),
      ).toBe(true);
    }
  });

  it('decides access for an occurrence-only match when correlations read the decision', () => {
    const all = evaluateShard(pack, EVENTS, CONTEXT);
    const lean = evaluateShard(pack, EVENTS, CONTEXT, {
      occurrencesOnly: { rules: new Set(['file-read']), fields: ['access.decision'] },
    });
    const decisions = (shard: typeof all) =>
      shard.matches.filter((m) => m.rule === 'file-read').map((m) => m.event['access.decision']);
    expect(decisions(lean)).toEqual(decisions(all));
    expect(decisions(lean)).toContain('deny');
  });

  it('takes the fields a source declares as the fields its data carries', () => {
    const fields = [...new Set(EVENTS.flatMap((e) => Object.keys(e)))];
    const source = { length: EVENTS.length, at: (index: number) => EVENTS[index], fields };
    const declared = evaluateShard(pack, source, CONTEXT);
    expect(declared.fieldsSeen).toEqual(evaluateShard(pack, EVENTS, CONTEXT).fieldsSeen);
    expect(declared.fieldsSeen).toContain('file.name');
    // A declared field is seen even where no event was asked for it (the source vouches for it).
    const vouched = evaluateShard(pack, { length: 0, at: () => undefined, fields: ['file.name'] }, CONTEXT);
    expect(vouched.fieldsSeen).toEqual(['file.name']);
  });

  it('leaves the events it was given unchanged', () => {
    const copies = EVENTS.map((e) => ({ ...e }));
    evaluateShard(pack, EVENTS, CONTEXT);
    expect(EVENTS).toEqual(copies);
  });
});

describe('evaluateShard without joining (a source of defined values)', () => {
  const JOINED_PACK = [
    {
      name: 'joined.yml',
      text: `title: Finance reads
id: finance-reads
logsource: { category: file }
detection:
  selection:
    user.department: finance
  condition: selection
level: low
---
title: Sensitive resource, owner named on the event
id: owner-on-event
logsource: { category: file }
detection:
  selection:
    resource.sensitivity|exists: true
    file.owner|fieldref: user.role
  condition: selection
level: medium
---
title: A keyword found in a directory field
id: keyword-in-directory
logsource: { category: file }
detection:
  keywords:
    - 'account manager'
  condition: keywords
level: low
---
title: No manager on record
id: no-manager
logsource: { category: email }
detection:
  selection:
    event.action: send
    user.manager: null
  condition: selection
level: low
---
title: Denied reads of confidential resources
id: denied-confidential
logsource: { category: file }
detection:
  selection:
    resource.sensitivity: confidential
    access.decision: deny
  condition: selection
level: high
`,
    },
    ...PACK.slice(1),
  ];
  const joinedPack = compilePack(JOINED_PACK);

  it('gives the shard the join would give, reported events, explanations and fields seen included', () => {
    expect(joinedPack.errors).toEqual([]);
    const events: EngineEvent[] = [
      ...EVENTS,
      file('e6', 'bob', { 'file.owner': 'Account Manager', 'resource.id': 'fin-share' }),
      // The event's own field wins over the directory's.
      file('e7', 'ann', { 'user.department': 'sales', 'resource.id': 'fin-share' }),
      file('e8', 'ANN', {}),
    ];
    const source = { length: events.length, at: (i: number) => events[i], definedValues: true };
    const direct = evaluateShard(joinedPack.pack, source, CONTEXT);
    const joined = evaluateShard(joinedPack.pack, events, CONTEXT);
    expect(JSON.stringify(direct)).toBe(JSON.stringify(joined));
    expect(direct.matches.map((m) => `${m.rule}:${m.eventId}`)).toEqual(
      expect.arrayContaining([
        'finance-reads:e1',
        'finance-reads:e8',
        'owner-on-event:e6',
        'keyword-in-directory:e2',
        'denied-confidential:e2',
      ]),
    );
    expect(direct.matches.map((m) => `${m.rule}:${m.eventId}`)).not.toContain('finance-reads:e7');
  });
});

describe('matched events without a readable @timestamp', () => {
  const { pack } = compilePack(PACK);
  const mail = (id: string, time?: string): EngineEvent => ({
    'event.id': id,
    'event.category': 'email',
    'event.action': 'send',
    'user.name': 'ann',
    ...(time === undefined ? {} : { '@timestamp': time }),
  });

  it('are named once in the run, at the file and line of the first, and still alert', () => {
    const run = mergeShards(
      pack!,
      [
        evaluateShard(pack!, [mail('a.ndjson:1', '2026-03-02T09:00:00Z'), mail('a.ndjson:2')], CONTEXT),
        evaluateShard(
          pack!,
          [mail('b.ndjson:7', 'soon'), mail('b.ndjson:8', '2026-03-02T10:00:00Z')],
          CONTEXT,
        ),
      ],
      CONTEXT,
    );
    expect(run.alerts.filter((alert) => alert.rule === 'mail-out')).toHaveLength(4);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'a.ndjson',
        line: 2,
        path: '@timestamp',
        severity: 'warning',
        message: expect.stringMatching(
          /^2 matched event\(s\) have no readable @timestamp \(first: "a.ndjson:2"\)/,
        ),
      }),
    ]);
  });

  it('give no warning when every matched event has a time', () => {
    const run = mergeShards(
      pack!,
      [evaluateShard(pack!, [mail('x', '2026-03-02T09:00:00Z')], CONTEXT)],
      CONTEXT,
    );
    expect(run.errors).toEqual([]);
  });
});

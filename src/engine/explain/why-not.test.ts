import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compilePack } from '../pack.ts';
import type { EngineEvent, PackFile } from '../types.ts';
import { whyNot } from './why-not.ts';

const PACK: PackFile[] = [
  {
    name: 'rules.yml',
    text: `title: Archive to a personal mailbox
id: personal-archive
logsource: { category: email }
detection:
  selection:
    event.action: send
    email.to|endswith: ['@gmail.com', '@outlook.com']
    file.extension: [zip, 7z]
  condition: selection
level: high
---
title: Large upload
id: large-upload
logsource: { category: network }
detection:
  selection:
    event.action: upload
    file.size|gt: 50000000
  condition: selection
level: medium
---
title: Copy to USB, except by IT
id: usb-copy
logsource: { category: file }
detection:
  selection:
    event.action: copy
    device.type: usb
  it_staff:
    user.department: IT
  condition: selection and not it_staff
level: medium
`,
  },
];

function compiled(files: PackFile[] = PACK) {
  const result = compilePack(files);
  expect(result.errors).toEqual([]);
  return result.pack;
}

describe('whyNot', () => {
  it('names the failed item, its expected and actual value, and the value to add', () => {
    const event: EngineEvent = {
      'event.category': 'email',
      'event.action': 'send',
      'email.to': 'me@proton.me',
      'file.extension': 'zip',
    };
    const [first] = whyNot(compiled(), event);
    expect(first?.rule).toBe('personal-archive');
    expect(first?.cost).toBe(1);
    expect(first?.reasons).toEqual([
      expect.objectContaining({
        kind: 'field',
        selection: 'selection',
        field: 'email.to',
        key: 'email.to|endswith',
        expected: '[@gmail.com, @outlook.com]',
        actual: 'me@proton.me',
        change: 'add "me@proton.me" to the values of "email.to|endswith"',
      }),
    ]);
  });

  it('reads a field named like an object property as the event has it: absent, not a function', () => {
    const files: PackFile[] = [
      {
        name: 'ctor.yml',
        text: `title: Constructor field
id: ctor
logsource: { category: process }
detection:
  selection:
    event.action: start
    constructor: Builder
  condition: selection
level: low
`,
      },
    ];
    const [first] = whyNot(compiled(files), { 'event.category': 'process', 'event.action': 'start' });
    expect(first?.reasons).toEqual([expect.objectContaining({ field: 'constructor', actual: null })]);
  });

  it('proposes lowering a threshold to the value the event had', () => {
    const event: EngineEvent = {
      'event.category': 'network',
      'event.action': 'upload',
      'file.size': 42_000_000,
    };
    const [first] = whyNot(compiled(), event);
    expect(first?.rule).toBe('large-upload');
    expect(first?.reasons[0]?.change).toBe(
      'lower the threshold of "file.size|gt" from 50000000 to 42000000 (use gte)',
    );
  });

  describe('a time-part threshold (`@timestamp|hour|lt`)', () => {
    const night: PackFile[] = [
      {
        name: 'night.yml',
        text: `title: Night copy
id: night-copy
logsource: { category: file }
detection:
  sel:
    event.action: copy
    '@timestamp|hour|lt': 6
  condition: sel
`,
      },
    ];
    const copyAt = (stamp: string): EngineEvent => ({
      'event.category': 'file',
      'event.action': 'copy',
      '@timestamp': stamp,
    });

    it('offers no threshold for a time it cannot read, and says the time is not readable', () => {
      const [first] = whyNot(compiled(night), copyAt('Mar 4 2026 03:00'));
      const change = first?.reasons[0]?.change ?? '';
      expect(change).not.toContain('threshold');
      expect(change).toBe(
        '"Mar 4 2026 03:00" is not a readable time, so "@timestamp|hour|lt" cannot read its hour: write @timestamp as ISO 8601 text (2026-03-04T03:00:00Z) or epoch milliseconds',
      );
    });

    it('raises the threshold to the event’s hour, not to its whole timestamp', () => {
      const [first] = whyNot(compiled(night), copyAt('2026-03-04T07:30:00Z'));
      expect(first?.reasons[0]?.change).toBe(
        'raise the threshold of "@timestamp|hour|lt" from 6 to 7, the event\'s hour (use lte)',
      );
    });
  });

  it('offers no threshold for a value that is not a number', () => {
    const [first] = whyNot(compiled(), {
      'event.category': 'network',
      'event.action': 'upload',
      'file.size': 'big',
    });
    expect(first?.reasons[0]?.change).toBe(
      '"big" is not a number, so "file.size|gt" cannot compare it: the event needs a number in file.size',
    );
  });

  it('puts the closest rule first and charges a foreign log source more than a value', () => {
    // One value off for the upload rule; the others read another log source and fail twice (ties by id).
    const event: EngineEvent = {
      'event.category': 'network',
      'event.action': 'upload',
      'file.size': 10,
      'file.extension': 'zip',
    };
    const misses = whyNot(compiled(), event);
    expect(misses.map((m) => m.rule)).toEqual(['large-upload', 'personal-archive', 'usb-copy']);
    expect(misses.map((m) => m.cost)).toEqual([1, 5, 5]);
    const email = misses.find((m) => m.rule === 'personal-archive');
    expect(email?.reasons[0]).toMatchObject({ kind: 'logsource', expected: 'email events' });
  });

  it('blames an exclusion that matched, with the fields that made it match', () => {
    const event: EngineEvent = {
      'event.category': 'file',
      'event.action': 'copy',
      'device.type': 'usb',
      'user.name': 'kim',
    };
    const context = { directory: [{ name: 'kim', department: 'IT' }], resources: [] };
    const [first] = whyNot(compiled(), event, { context });
    expect(first?.rule).toBe('usb-copy');
    expect(first?.reasons).toEqual([
      expect.objectContaining({
        kind: 'exclusion',
        selection: 'it_staff',
        change: 'narrow the exclusion "it_staff": it matches this event (user.department=IT)',
      }),
    ]);
  });

  it('says when the event lacks the field the rule needs', () => {
    const event: EngineEvent = { 'event.category': 'network', 'event.action': 'upload' };
    const [first] = whyNot(compiled(), event);
    expect(first?.reasons[0]).toMatchObject({
      field: 'file.size',
      actual: null,
      change: 'drop "file.size|gt" from the selection: the event has no file.size',
    });
  });

  it('leaves out the rules that do catch the event and honours the limit', () => {
    const event: EngineEvent = {
      'event.category': 'network',
      'event.action': 'upload',
      'file.size': 60_000_000,
    };
    const misses = whyNot(compiled(), event, { limit: 1 });
    expect(misses).toHaveLength(1);
    expect(misses[0]?.rule).not.toBe('large-upload');
  });

  it('reads every rule of the default pack without throwing', () => {
    const root = join(process.cwd(), 'policies', 'default');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [join(dir, d.name)] : [],
      );
    const files = walk(root).map((name) => ({ name, text: readFileSync(name, 'utf8') }));
    const pack = compilePack(files).pack;
    const event: EngineEvent = {
      'event.category': 'email',
      'event.action': 'send',
      'email.to': 'x@example.org',
    };
    const misses = whyNot(pack, event, { limit: 50 });
    expect(misses.length).toBeGreaterThan(0);
    for (const miss of misses) expect(miss.reasons.length).toBeGreaterThan(0);
  });
});

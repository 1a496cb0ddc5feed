import { describe, it, expect } from 'vitest';
import type { EngineEvent } from '../../engine/types.ts';
import { fieldNames, filterEvents } from './event-filter.ts';

const events: EngineEvent[] = [
  {
    'event.id': '1',
    '@timestamp': '2026-03-01T09:00:00Z',
    'user.name': 'amy',
    'event.category': 'file',
    'file.name': 'Plan.docx',
  },
  {
    'event.id': '2',
    '@timestamp': '2026-03-02T22:00:00Z',
    'user.name': 'eve',
    'event.category': 'device',
    'labels.scenario': 's1',
    'email.to': ['x@gmail.com'],
  },
  {
    'event.id': '3',
    '@timestamp': '2026-03-03T08:00:00Z',
    'user.name': 'eve',
    'event.category': 'email',
    'email.to': ['boss@corp.example'],
  },
];
const ids = (f: Parameters<typeof filterEvents>[1]) => filterEvents(events, f).map((e) => e['event.id']);

describe('event explorer filters', () => {
  it.each([
    ['by user', { user: 'eve' }, ['2', '3']],
    ['by category', { category: 'file' }, ['1']],
    ['benign only', { label: 'benign' }, ['1', '3']],
    ['labelled only', { label: 'labelled' }, ['2']],
    ['one scenario', { label: 's1' }, ['2']],
    ['field contains, case-insensitive, lists included', { field: 'email.to', value: 'GMAIL' }, ['2']],
    ['a field that is present', { field: 'file.name' }, ['1']],
    ['any field contains', { value: 'plan' }, ['1']],
    ['a time range, the end date inclusive', { from: '2026-03-02', to: '2026-03-02' }, ['2']],
    ['filters combine', { user: 'eve', category: 'email' }, ['3']],
    ['field=value, case-insensitive', { value: 'event.category=DEVICE' }, ['2']],
    ['an instant range', { from: '2026-03-02T21:00:00Z', to: '2026-03-03T08:00:00Z' }, ['2', '3']],
  ])('%s', (_name, filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('refuses a date it cannot read, naming it', () => {
    expect(() => ids({ from: 'last tuesday' })).toThrow(/"last tuesday" is not a date/);
  });

  it('lists the fields seen, for completion', () => {
    expect(fieldNames(events)).toContain('labels.scenario');
  });
});

import { describe, expect, it } from 'vitest';
import { parseBundleFiles, parseBundleObject } from './bundle.ts';

describe('dataset bundle', () => {
  it('reads a folder: manifest with scenarios, events, directory; missing tables are empty', () => {
    const result = parseBundleFiles([
      {
        name: 'b/dataset.json',
        text: JSON.stringify({
          id: 'demo',
          title: 'Demo',
          scenarios: [{ id: 's1', title: 'S', category: 'leakage', steps: [] }],
        }),
      },
      { name: 'b/events.ndjson', text: '{"event.id":"1","@timestamp":"2026-01-01T00:00:00Z"}\nbroken\n' },
      { name: 'b/directory.json', text: JSON.stringify([{ name: 'alice', department: 'Sales' }]) },
    ]);
    expect(result.manifest).toMatchObject({ id: 'demo', title: 'Demo' });
    expect(result.scenarios.map((s) => s.id)).toEqual(['s1']);
    expect(result.events).toHaveLength(1);
    expect(result.errors).toMatchObject([{ file: 'b/events.ndjson', line: 2 }]);
    expect(result.directory).toEqual([{ name: 'alice', department: 'Sales' }]);
    expect(result.resources).toEqual([]);
    expect(result.entitlements).toEqual([]);
  });

  it('reads the single-file form', () => {
    const text = JSON.stringify(
      { dataset: { id: 'one' }, events: [{ 'event.id': 'x' }], directory: [{ name: 'bob' }] },
      null,
      1,
    );
    const result = parseBundleObject(text, 'one.json');
    expect(result.manifest?.id).toBe('one');
    expect(result.events.map((e) => e['event.id'])).toEqual(['x']);
    expect(result.directory[0]!.name).toBe('bob');
  });

  it('leaves out entries it cannot use, each named by number, line and field; keeps one identity per name', () => {
    const result = parseBundleFiles([
      { name: 'b/events.ndjson', text: '' },
      {
        name: 'b/directory.json',
        text: '[\n{"name": "jdoe", "department": "Finance"},\n{"name": "JDOE", "department": "IT"},\n{"department": "HR"}\n]',
      },
      {
        name: 'b/entitlements.json',
        text: [
          '[',
          '{"user": "jdoe", "resource": "erp", "actions": "read"},',
          '{"user": "amy", "actions": ["read"]},',
          '{"user": "amy", "resource": "crm", "actions": [1]},',
          '{"user": "bob", "resource": "crm", "actions": ["read", "export"]}',
          ']',
        ].join('\n'),
      },
    ]);
    expect(result.directory).toEqual([{ name: 'jdoe', department: 'Finance' }]);
    expect(result.entitlements).toEqual([
      { user: 'jdoe', resource: 'erp', actions: ['read'] },
      { user: 'bob', resource: 'crm', actions: ['read', 'export'] },
    ]);
    expect(result.errors.map((e) => `${e.file}:${e.line} ${e.path} ${e.severity}: ${e.message}`)).toEqual([
      'b/directory.json:3 [1].name warning: entry 2 names "JDOE", already entry 1: names are compared without case, so the first is kept',
      'b/directory.json:4 [2].name warning: entry 3 has no "name" text',
      'b/entitlements.json:3 [1].resource warning: entry 2 has no "resource" text (the resource id it grants): left out',
      'b/entitlements.json:4 [2].actions warning: entry 3 "actions" must be a list of actions, e.g. ["read"]: left out',
    ]);
  });
});

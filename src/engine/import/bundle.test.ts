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

  const located = (
    errors: { file: string; line: number; path: string; severity: string; message: string }[],
  ) => errors.map((e) => `${e.file}:${e.line} ${e.path} ${e.severity}: ${e.message}`);

  it('treats a date that is not one (impossible day, word, number) as absent, with a located warning', () => {
    const result = parseBundleFiles([
      {
        name: 'b/directory.json',
        text: [
          '[',
          '{"name": "sz", "employment": {"start": "2020-02-02", "end": "2026-02-30"}},',
          '{"name": "dm", "employment": {"start": 2017, "end": null}, "hr": {"resignation_date": "soon", "termination_date": "2026-03-31"}},',
          '{"name": "ok", "employment": {"start": "2020-01-01", "end": "2026-03-01"}}',
          ']',
        ].join('\n'),
      },
      {
        name: 'b/entitlements.json',
        text: [
          '[',
          '{"user": "sz", "resource": "erp", "actions": ["read"], "granted": 2020},',
          '{"user": "dm", "resource": "erp", "actions": ["read"], "granted": "2026-13-45"},',
          '{"user": "ok", "resource": "erp", "actions": ["read"], "granted": "2025-08-14"}',
          ']',
        ].join('\n'),
      },
    ]);
    expect(result.directory).toEqual([
      { name: 'sz', employment: { start: '2020-02-02' } },
      { name: 'dm', employment: { end: null }, hr: { termination_date: '2026-03-31' } },
      { name: 'ok', employment: { start: '2020-01-01', end: '2026-03-01' } },
    ]);
    expect(result.entitlements.map((g) => g.granted)).toEqual([undefined, undefined, '2025-08-14']);
    expect(located(result.errors)).toEqual([
      'b/directory.json:2 [0].employment.end warning: entry 1 employment.end "2026-02-30" is not a valid date (YYYY-MM-DD, e.g. 2026-02-28): treated as absent',
      'b/directory.json:3 [1].employment.start warning: entry 2 employment.start 2017 is not a valid date (YYYY-MM-DD, e.g. 2026-02-28): treated as absent',
      'b/directory.json:3 [1].hr.resignation_date warning: entry 2 hr.resignation_date "soon" is not a valid date (YYYY-MM-DD, e.g. 2026-02-28): treated as absent',
      'b/entitlements.json:2 [0].granted warning: entry 1 granted 2020 is not a valid date (YYYY-MM-DD, e.g. 2026-02-28): treated as absent',
      'b/entitlements.json:3 [1].granted warning: entry 2 granted "2026-13-45" is not a valid date (YYYY-MM-DD, e.g. 2026-02-28): treated as absent',
    ]);
  });

  it('reads other ill-typed directory values sanely: one group without its list, a number for a list or a text', () => {
    const result = parseBundleFiles([
      {
        name: 'b/directory.json',
        text: [
          '[',
          '{"name": "a", "groups": "admins"},',
          '{"name": "b", "groups": 5, "role": {"x": 1}, "employment": "2020"},',
          '{"name": "c", "groups": ["ok", 7], "hr": {"performance_plan": "yes"}}',
          ']',
        ].join('\n'),
      },
    ]);
    expect(result.directory).toEqual([
      { name: 'a', groups: ['admins'] },
      { name: 'b' },
      { name: 'c', groups: ['ok'], hr: {} },
    ]);
    expect(located(result.errors)).toEqual([
      'b/directory.json:2 [0].groups warning: entry 1 groups "admins" is not a list: read as ["admins"]',
      'b/directory.json:3 [1].role warning: entry 2 role must be text, found an object: ignored',
      'b/directory.json:3 [1].groups warning: entry 2 groups must be a list of group names, found 5: ignored',
      'b/directory.json:3 [1].employment warning: entry 2 employment must be an object, found "2020": ignored',
      'b/directory.json:4 [2].groups warning: entry 3 groups must be a list of group names: entries that are not text are ignored',
      'b/directory.json:4 [2].hr.performance_plan warning: entry 3 hr.performance_plan must be true or false, found "yes": ignored',
    ]);
  });

  it('names a table that is not a list as an error saying the whole file is ignored', () => {
    const result = parseBundleFiles([
      { name: 'b/entitlements.json', text: '{"user": "a", "resource": "erp", "actions": ["read"]}' },
      { name: 'b/directory.json', text: '"alice"' },
    ]);
    expect(result.entitlements).toEqual([]);
    expect(located(result.errors)).toEqual([
      'b/directory.json:1  error: expected a list of directory entries ([{…}, …]), found "alice": the whole file is ignored',
      'b/entitlements.json:1  error: expected a list of grants ([{…}, …]), found an object: the whole file is ignored',
    ]);
  });

  it('keeps a repeated grant once, with one warning naming how many repeat and where the first is', () => {
    const grant = (user: string, actions: string, source = 'direct') =>
      `{"user": "${user}", "resource": "erp", "actions": ${actions}, "source": "${source}"}`;
    const result = parseBundleFiles([
      {
        name: 'b/entitlements.json',
        text: [
          '[',
          `${grant('amy', '["read", "write"]')},`,
          `${grant('bob', '["read"]')},`,
          `${grant('Amy', '["write", "read"]')},`,
          `${grant('bob', '["read"]', 'role:clerk')},`,
          `${grant('bob', '["read"]')}`,
          ']',
        ].join('\n'),
      },
    ]);
    expect(result.entitlements.map((g) => [g.user, g.source])).toEqual([
      ['amy', 'direct'],
      ['bob', 'direct'],
      ['bob', 'role:clerk'],
    ]);
    expect(located(result.errors)).toEqual([
      'b/entitlements.json:4 [2].user warning: entry 3 repeats entry 1 (same user, resource, actions and source), and 1 more grant(s) repeat earlier ones: each grant is counted once',
    ]);
  });
});

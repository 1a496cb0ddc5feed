import { describe, it, expect } from 'vitest';
import { parseHash, hrefFor, areaOf, type Route } from './routes.ts';

describe('hash routes a trainer can hand to a class', () => {
  const table: [string, Route][] = [
    ['', { screen: 'home' }],
    ['#/', { screen: 'home' }],
    ['#/scenarios', { screen: 'scenarios' }],
    [
      '#/scenarios?threat=fraud&cause=negligence',
      { screen: 'scenarios', threat: 'fraud', cause: 'negligence' },
    ],
    ['#/scenarios/departing-engineer', { screen: 'scenario', id: 'departing-engineer' }],
    ['#/data', { screen: 'data' }],
    ['#/policies', { screen: 'policies' }],
    ['#/policies?file=rules%2Fa.yml', { screen: 'policies', file: 'rules/a.yml' }],
    [
      '#/policies?file=rules%2Fa.yml&rule=former-user-activity',
      { screen: 'policies', file: 'rules/a.yml', rule: 'former-user-activity' },
    ],
    [
      '#/policies?file=rules%2Fa.yml&line=10&column=32',
      { screen: 'policies', file: 'rules/a.yml', line: 10, column: 32 },
    ],
    ['#/policies?file=a.yml&line=0&column=x', { screen: 'policies', file: 'a.yml' }],
    ['#/runs', { screen: 'runs' }],
    ['#/runs/r2', { screen: 'run', id: 'r2' }],
    ['#/alerts/r1-17', { screen: 'alert', id: 'r1-17' }],
    // Run numbers keep counting across visits (the store hands them out), so they grow long.
    ['#/runs/r1042', { screen: 'run', id: 'r1042' }],
    ['#/alerts/r1042-230', { screen: 'alert', id: 'r1042-230' }],
    ['#/compare?a=r1&b=r2', { screen: 'compare', a: 'r1', b: 'r2' }],
    ['#/why-not/r1', { screen: 'why-not', run: 'r1' }],
    ['#/why-not/r1?event=evt-00011151', { screen: 'why-not', run: 'r1', event: 'evt-00011151' }],
    ['#/exercises', { screen: 'exercises' }],
    ['#/exercises/easy-leak', { screen: 'exercise', id: 'easy-leak' }],
    ['#/exercises/easy-leak?role=it-analyst', { screen: 'exercise', id: 'easy-leak', role: 'it-analyst' }],
    ['#/nowhere', { screen: 'not-found', path: '/nowhere' }],
    ['#/runs/r1/extra', { screen: 'not-found', path: '/runs/r1/extra' }],
  ];
  it.each(table)('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each(table.filter(([, r]) => r.screen !== 'not-found'))(
    '%s survives hrefFor → parseHash',
    (_h, route) => {
      expect(parseHash(hrefFor(route))).toEqual(route);
    },
  );

  it('ids with reserved characters round-trip', () => {
    const route: Route = { screen: 'scenario', id: 'a b/c?d' };
    expect(parseHash(hrefFor(route))).toEqual(route);
  });

  it('detail screens light up their area in the navigation', () => {
    expect(areaOf({ screen: 'alert', id: 'r1-1' })).toBe('runs');
    expect(areaOf({ screen: 'scenario', id: 'x' })).toBe('scenarios');
    expect(areaOf({ screen: 'weak-spots' })).toBe('weak-spots');
    expect(areaOf({ screen: 'not-found', path: 'x' })).toBeNull();
  });
});

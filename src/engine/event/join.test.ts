// The join tells rules whether the directory lists an event's user, and says nothing without one.
import { describe, expect, it } from 'vitest';
import type { DatasetContext, DirectoryUser } from '../types.ts';
import { IN_DIRECTORY, joinableFields, joinedValue, makeHeads, makeJoiner } from './join.ts';

const directory = [{ name: 'Alice', department: 'finance' }] as DirectoryUser[];
const withDirectory: Pick<DatasetContext, 'directory' | 'resources'> = { directory, resources: [] };
const without: Pick<DatasetContext, 'directory' | 'resources'> = { directory: [], resources: [] };

describe('user.in_directory', () => {
  it('is true for a listed user (any case), false for an unlisted one, absent without a user name', () => {
    const join = makeJoiner(withDirectory);
    expect(join({ 'user.name': 'alice' })).toMatchObject({
      [IN_DIRECTORY]: true,
      'user.department': 'finance',
    });
    expect(join({ 'user.name': 'mallory' })[IN_DIRECTORY]).toBe(false);
    expect(join({ 'user.name': 'mallory' })['user.department']).toBeUndefined();
    expect(join({ 'host.name': 'ws-1' })[IN_DIRECTORY]).toBeUndefined();
    expect(joinableFields(withDirectory).has(IN_DIRECTORY)).toBe(true);
  });

  it('is absent from every event when there is no directory', () => {
    expect(makeJoiner(without)({ 'user.name': 'mallory' })[IN_DIRECTORY]).toBeUndefined();
    expect(makeHeads(without)('mallory', undefined)).toBeUndefined();
    expect(joinableFields(without).has(IN_DIRECTORY)).toBe(false);
  });

  it('reads the same through a head as through a joined copy', () => {
    const heads = makeHeads(withDirectory);
    const join = makeJoiner(withDirectory);
    for (const name of ['alice', 'ALICE', 'mallory']) {
      const event = { 'user.name': name };
      expect(joinedValue(event, heads(name, undefined), IN_DIRECTORY)).toBe(join(event)[IN_DIRECTORY]);
    }
  });

  it("lets the event's own field win", () => {
    expect(makeJoiner(withDirectory)({ 'user.name': 'mallory', [IN_DIRECTORY]: true })[IN_DIRECTORY]).toBe(
      true,
    );
  });
});

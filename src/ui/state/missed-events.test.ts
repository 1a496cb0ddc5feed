import { describe, expect, it } from 'vitest';
import { missedEvents } from './missed-events.ts';
import { buildTruthIndex } from './truth-index.ts';

describe('missedEvents', () => {
  it('lists the labelled events no alert names, by scenario and step', () => {
    const truth = buildTruthIndex([
      { 'event.id': 'e1', 'labels.scenario': 'leaver', 'labels.step': 2 },
      { 'event.id': 'e2', 'labels.scenario': 'leaver', 'labels.step': 1 },
      { 'event.id': 'e3', 'labels.scenario': 'fraud', 'labels.step': 1 },
      { 'event.id': 'e4' },
    ]);
    const alerts = [{ events: ['e3', 'e4'] }];
    expect(missedEvents(alerts, truth)).toEqual([
      { eventId: 'e2', scenario: 'leaver', step: 1 },
      { eventId: 'e1', scenario: 'leaver', step: 2 },
    ]);
  });

  it('is empty when every labelled event is in some alert', () => {
    const truth = buildTruthIndex([{ 'event.id': 'e1', 'labels.scenario': 'leaver', 'labels.step': 1 }]);
    expect(missedEvents([{ events: ['e1'] }], truth)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseEcsExport } from './ecs.ts';

describe('parseEcsExport', () => {
  it('reads hits.hits[]._source, keeps _id as event.id, folds ECS lists to our single values', () => {
    const text = JSON.stringify({
      hits: {
        hits: [
          {
            _id: 'h1',
            _source: {
              '@timestamp': '2026-03-02T09:00:00Z',
              event: { category: ['network', 'web'], action: 'upload' },
              user: { name: 'a' },
              url: { full: 'https://dropbox.com/x' },
            },
          },
          {
            _id: 'h2',
            _source: {
              event: { category: ['email'] },
              email: {
                to: { address: ['x@y.com'] },
                from: { address: ['a@corp.com'] },
                attachments: [{ file: { name: 'a.pdf' } }],
              },
            },
          },
        ],
      },
    });
    const { events, errors } = parseEcsExport(text, 'export.json');
    expect(errors).toEqual([]);
    expect(events[0]).toMatchObject({
      'event.id': 'h1',
      'event.category': 'web',
      'url.full': 'https://dropbox.com/x',
    });
    expect(events[1]).toMatchObject({
      'event.category': 'email',
      'email.to': ['x@y.com'],
      'email.from': 'a@corp.com',
      'email.attachments': ['a.pdf'],
    });
  });

  it('reads one hit per line and reports a broken line with its number', () => {
    const text =
      '{"_id":"1","_source":{"user":{"name":"a"}}}\n{"_id":\n{"_index":"x","_id":"3"}\n{"_id":"4","_source":{}}\n';
    const { events, errors } = parseEcsExport(text, 'dump.ndjson');
    expect(events.map((e) => e['event.id'])).toEqual(['1', '4']);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });
});

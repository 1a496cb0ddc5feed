// Suricata's EVE JSON: each event keeps Suricata's names and is given the ECS fields our rules read.
import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../ndjson.ts';
import { SURICATA_FILEINFO, SURICATA_SMTP } from './samples.test-support.ts';

describe('Suricata EVE events', () => {
  it('take their time from "timestamp" and are given the flow, web and file fields', () => {
    const { events, errors } = parseNdjson(JSON.stringify(SURICATA_FILEINFO), 'eve.json');
    expect(events[0]).toMatchObject({
      '@timestamp': SURICATA_FILEINFO.timestamp,
      'event.id': 'eve.json:1',
      'event.action': 'fileinfo',
      'event.category': 'file',
      'source.ip': '192.0.2.80',
      'destination.port': 50712,
      'network.transport': 'tcp',
      'network.protocol': 'http',
      'destination.domain': 'files.example.org',
      'url.full': 'http://files.example.org/share/payroll-2026.zip',
      'file.path': '/share/payroll-2026.zip',
      'file.name': 'payroll-2026.zip',
      'file.size': 7340032,
      'fileinfo.state': 'CLOSED',
    });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^read as Suricata EVE events \(first at line 1\)/),
    ]);
  });

  it('an SMTP event is mail, its "email.from" and "email.to" ours already', () => {
    const { events } = parseNdjson(JSON.stringify(SURICATA_SMTP), 'eve.json');
    expect(events[0]).toMatchObject({
      'event.category': 'email',
      'email.from': 'Dana <dana@corp.example>',
      'email.to': ['<dana.home@mail.example>'],
      'email.attachment': ['customers.xlsx'],
    });
  });

  it('a flow id past 2^53 − 1 is kept as written and the event still recognised', () => {
    const line = JSON.stringify(SURICATA_SMTP).replace('2075312987654321', '18446744073709551615');
    const { events } = parseNdjson(line, 'eve.json');
    expect(events[0]).toMatchObject({ flow_id: '18446744073709551615', 'event.category': 'email' });
  });
});

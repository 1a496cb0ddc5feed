import { describe, expect, it } from 'vitest';
import { compileTimestampFormat } from './timestamp-format.ts';

describe('compileTimestampFormat', () => {
  const table: [string, string, string, string | undefined][] = [
    ['MM/DD/YYYY HH:mm:ss', 'Z', '01/02/2010 07:05:09', '2010-01-02T07:05:09Z'],
    ['MM/DD/YYYY HH:mm:ss', 'Z', '1/2/2010 7:05:09', '2010-01-02T07:05:09Z'],
    ['MM/DD/YYYY HH:mm:ss', 'Z', '13/02/2010 07:05:09', undefined],
    ['MM/DD/YYYY HH:mm:ss', 'Z', '02/30/2010 07:05:09', undefined],
    ['DD.MM.YYYY HH:mm', '+01:00', '02.01.2010 00:30', '2010-01-01T23:30:00Z'],
    ['MM/DD/YYYY hh:mm A', 'Z', '01/02/2010 12:15 AM', '2010-01-02T00:15:00Z'],
    ['MM/DD/YYYY hh:mm A', 'Z', '01/02/2010 3:15 PM', '2010-01-02T15:15:00Z'],
    ['YYYY-MM-DD HH:mm:ss.SSS', 'Z', '2010-01-02 03:04:05.250', '2010-01-02T03:04:05.250Z'],
    ['iso', 'Z', '2010-01-02T03:04:05+02:00', '2010-01-02T01:04:05Z'],
    ['iso', '-05:00', '2010-01-02 03:04:05', '2010-01-02T08:04:05Z'],
    ['epoch_s', 'Z', '1262401445', '2010-01-02T03:04:05Z'],
    ['epoch_ms', 'Z', 'soon', undefined],
  ];
  it.each(table)('%s (%s) reads "%s"', (format, zone, text, expected) => {
    expect(compileTimestampFormat(format, zone)!(text)).toBe(expected);
  });

  it('refuses a format without year, month and day', () => {
    expect(compileTimestampFormat('HH:mm')).toBeUndefined();
  });
});

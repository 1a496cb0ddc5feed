import { describe, it, expect } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { packArchive, readPackArchive } from './pack-archive.ts';

describe('the pack as a .zip', () => {
  it('an exported pack reads back as the same files', () => {
    const files = [
      { name: 'policies/default/classifiers/iban.yml', text: 'id: iban\n' },
      { name: 'policies/default/rules/a.yml', text: 'title: A — ünïcode\n' },
    ];
    expect(readPackArchive(packArchive(files))).toEqual({ files, skipped: [] });
  });

  it('a zip of the pack folder itself gets the folder back; what is not YAML is skipped', () => {
    const zip = zipSync({
      'rules/a.yml': strToU8('a'),
      'rules/': new Uint8Array(),
      'README.md': strToU8('# notes'),
    });
    expect(readPackArchive(zip)).toEqual({
      files: [{ name: 'policies/default/rules/a.yml', text: 'a' }],
      skipped: ['README.md'],
    });
  });

  it('a zip bomb is not inflated: a file larger than a pack file can be is skipped, by its declared size', () => {
    const bomb = zipSync({ 'rules/huge.yml': new Uint8Array(20_000_000), 'rules/ok.yml': strToU8('ok') });
    expect(bomb.length).toBeLessThan(100_000);
    const read = readPackArchive(bomb);
    expect(read.files).toEqual([{ name: 'policies/default/rules/ok.yml', text: 'ok' }]);
    expect(read.skipped).toEqual(['rules/huge.yml (20 MB: too large for a pack file)']);
  });
});

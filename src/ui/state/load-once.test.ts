import { describe, expect, it } from 'vitest';
import { loadOnce } from './load-once.ts';

describe('loadOnce', () => {
  it('imports once for every caller', async () => {
    let imports = 0;
    const load = loadOnce(async () => ++imports);
    expect(await Promise.all([load(), load(), load()])).toEqual([1, 1, 1]);
    expect(await load()).toBe(1);
    expect(imports).toBe(1);
  });

  it('forgets a failed import, so the next caller tries again', async () => {
    let imports = 0;
    const load = loadOnce(async () => {
      imports++;
      if (imports === 1) throw new Error('chunk gone');
      return 'editor';
    });
    await expect(load()).rejects.toThrow('chunk gone');
    expect(await load()).toBe('editor');
    expect(imports).toBe(2);
  });
});

// The generator's only source of chance: a small seeded PRNG (sfc32) so the same seed gives the
// same bytes in Node and in a browser worker. Never Math.random, never the clock. Independent
// streams (`streamFor(seed, 'day', 17)`) let each day be generated on its own, in any order.

/** 32-bit string hash (cyrb-style) used to derive stream seeds from names. */
function hash32(text: string, salt: number): number {
  let h = 0xdeadbeef ^ salt;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 2654435761);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: string) {
    this.a = hash32(key, 1);
    this.b = hash32(key, 2);
    this.c = hash32(key, 3);
    this.d = hash32(key, 4);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Roughly normal (sum of uniforms), good enough for start times and volumes. */
  normal(mean: number, deviation: number): number {
    return mean + deviation * (this.next() + this.next() + this.next() - 1.5) * 2;
  }

  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += String(this.uint32() % 10);
    return text;
  }
}

export function streamFor(seed: number | string, ...names: (string | number)[]): Random {
  return new Random([String(seed), ...names].join('/'));
}

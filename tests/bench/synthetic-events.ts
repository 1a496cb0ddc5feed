// Events shaped like the generator's (about 20 % with ~1 KB of content) for benchmarks that must
// run before, or without, src/engine/generate. Deterministic: a fixed-seed PRNG.
import type { EngineEvent } from '../../src/engine/types.ts';

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['file', 'email', 'web', 'authentication', 'device', 'database'] as const;
const ACTIONS: Record<string, string[]> = {
  file: ['read', 'write', 'copy', 'download'],
  email: ['send', 'receive'],
  web: ['visit', 'upload'],
  authentication: ['logon', 'logoff'],
  device: ['connect', 'usb-write'],
  database: ['query', 'export'],
};
const WORDS =
  'contract customer invoice quarterly revenue payroll salary account transfer confidential project roadmap meeting notes'.split(
    ' ',
  );

export function* syntheticEvents(count: number, seed = 1): Generator<EngineEvent> {
  const random = mulberry32(seed);
  const start = Date.UTC(2026, 2, 2);
  for (let i = 0; i < count; i++) {
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    const actions = ACTIONS[category]!;
    const event: EngineEvent = {
      '@timestamp': `${new Date(start + i * 1000).toISOString().slice(0, 19)}Z`,
      'event.id': `ev-${i}`,
      'event.category': category,
      'event.action': actions[Math.floor(random() * actions.length)]!,
      'event.outcome': random() < 0.97 ? 'success' : 'failure',
      'user.name': `user${Math.floor(random() * 500)}`,
      'host.name': `ws-${Math.floor(random() * 600)}`,
      'source.ip': `10.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
    };
    if (category === 'file') {
      event['file.name'] = `doc-${Math.floor(random() * 5000)}.xlsx`;
      event['file.size'] = Math.floor(random() * 5_000_000);
    }
    if (category === 'email') event['email.to'] = [`partner${Math.floor(random() * 50)}@example.com`];
    if (random() < 0.2) {
      const words: string[] = [];
      while (words.join(' ').length < 1000) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
      if (random() < 0.1) words.push('card 4111 1111 1111 1111 iban DE89370400440532013000');
      event.content = words.join(' ');
    }
    yield event;
  }
}

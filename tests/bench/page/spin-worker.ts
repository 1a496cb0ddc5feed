// The machine's own ceiling for the pool's speed-up: a fixed piece of engine-like work (a regular
// expression over text, map lookups, short-lived objects; no IndexedDB, no messages while it runs),
// timed alone and with a second copy running at the same time in another worker. On cores that
// share a physical core, or a host that gives the guest less than its vCPUs, two copies take
// longer each, and no pool can be faster than that ratio.
const TEXT = Array.from(
  { length: 4000 },
  (_, n) => `user${n % 97}@example.com sent invoice ${n * 7919} to acct-${n % 13} at 10.0.${n % 255}.1; `,
).join('');
const PATTERN = /\b\d{4,}\b|acct-\d+|@[a-z]+\.com/g;

function work(rounds: number): number {
  let found = 0;
  const counts = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    PATTERN.lastIndex = 0;
    for (let match = PATTERN.exec(TEXT); match !== null; match = PATTERN.exec(TEXT)) {
      const key = match[0].length > 6 ? match[0].slice(0, 6) : match[0];
      const hit = { key, at: match.index };
      counts.set(hit.key, (counts.get(hit.key) ?? 0) + 1);
      found += hit.at & 1;
    }
  }
  return found + counts.size;
}

self.onmessage = (message: MessageEvent<{ rounds: number }>) => {
  work(2); // compiled before the clock starts
  const started = performance.now();
  const checksum = work(message.data.rounds);
  self.postMessage({ ms: performance.now() - started, checksum });
};

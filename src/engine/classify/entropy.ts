// Shannon entropy of a value in bits per character: random keys score high (base64 ≈ 5–6),
// words and placeholders low ("password" ≈ 2.75, "xxxxxxxx" = 0).
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  const length = [...value].length;
  for (const n of counts.values()) {
    const p = n / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

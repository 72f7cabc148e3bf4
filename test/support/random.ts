// A small seeded generator (mulberry32), so a randomised test or benchmark can be replayed.
// Shared by test/unit/incremental.test.ts and bench/incremental.js (through out/).

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1 to `most` pieces drawn at random and joined: a random line or document for differential tests. */
export function randomText(random: () => number, pieces: readonly string[], most: number): string {
  let text = '';
  const n = 1 + Math.floor(random() * most);
  for (let i = 0; i < n; i++) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

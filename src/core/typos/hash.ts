// Two independent 32-bit string hashes over UTF-16 code units. Together they key the
// compact vocabulary (a 64-bit fingerprint: a false "known" needs both to collide).

/** FNV-1a, 32 bits. */
export function hash1(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A multiply-rotate hash with a different seed (never 0, so 0 can mark empty slots). */
export function hash2(s: string): number {
  let h = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h | 1) >>> 0;
}

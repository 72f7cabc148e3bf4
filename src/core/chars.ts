// Character tests shared by the scanners' ASCII fast paths (typo and preferred-form lines,
// glossary matching, sentence splitting, the claim screen).

const NON_ASCII = /[^\x00-\x7f]/;

/** True when `text` is all ASCII (a native regex scan: no JIT warm-up on a short run). */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

const NON_ASCII_FROM = /[^\x00-\x7f]/g;

/** Offset of the first non-ASCII character of `text` at or after `from`, or -1. */
export function nextNonAscii(text: string, from: number): number {
  NON_ASCII_FROM.lastIndex = from;
  return NON_ASCII_FROM.test(text) ? NON_ASCII_FROM.lastIndex - 1 : -1;
}

/** [A-Za-z0-9] */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

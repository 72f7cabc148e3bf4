// Character tests shared by the scanners' ASCII fast paths (typo and preferred-form lines,
// glossary matching, sentence splitting, the claim screen).

const NON_ASCII = /[^\x00-\x7f]/;

/** True when `text` is all ASCII (a native regex scan: no JIT warm-up on a short run). */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** [A-Za-z0-9] */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

// Bad input: text that is really binary data (an image opened as text, a zip...). The
// adapters check this before running rules, and say so instead of drawing squiggles.

/** True when the start of `text` looks like binary data: NUL characters, or many control or replacement characters. */
export function isProbablyBinary(text: string, sample = 8192): boolean {
  const n = Math.min(text.length, sample);
  if (n === 0) return false;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) odd++;
  }
  return odd / n > 0.1;
}

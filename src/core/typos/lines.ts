// What the line-based rules (typo, preferred-form) share: each line with the parts of it
// that are not prose, and a per-line result cache keyed by the line and those parts, so an
// edit re-checks only the lines it changed.
import type { AnalyzedDocument } from '../document';

export type SkipSpans = Array<[number, number]>;

const NO_SPANS: SkipSpans = [];
const LINE_CACHE_LIMIT = 100_000;

export class LineResults<T> {
  private readonly cache = new Map<string, T>();

  constructor(private readonly checkLine: (text: string, skip: SkipSpans) => T) {}

  /**
   * Calls `visit` for every line that holds some prose, with the line's (cached) result.
   * Lines wholly inside code, front matter and the like are passed over, and so are the
   * lines `only` (when given) does not mark with 1.
   */
  forEachLine(doc: AnalyzedDocument, visit: (line: number, result: T) => void, only?: Uint8Array): void {
    const spans = doc.excluded;
    let si = 0;
    for (let line = 0; line < doc.lineCount; line++) {
      if (only !== undefined && only[line] !== 1) continue;
      const start = doc.lineStarts[line];
      const text = doc.lineText(line);
      const end = start + text.length;
      while (si < spans.length && spans[si].end <= start) si++;
      let skip = NO_SPANS;
      let key = text;
      if (si < spans.length && spans[si].start < end) {
        if (spans[si].start <= start && spans[si].end >= end) continue; // the whole line is code, front matter...
        skip = [];
        let sig = '';
        for (let k = si; k < spans.length && spans[k].start < end; k++) {
          const s = Math.max(0, spans[k].start - start);
          const e = Math.min(text.length, spans[k].end - start);
          skip.push([s, e]);
          sig += `${s}-${e},`;
        }
        key = sig + '\u0000' + text;
      }
      let result = this.cache.get(key);
      if (result === undefined) {
        result = this.checkLine(text, skip);
        if (this.cache.size >= LINE_CACHE_LIMIT) this.cache.clear();
        this.cache.set(key, result);
      }
      visit(line, result);
    }
  }
}

// What the line-based rules (typo, preferred-form) share: each line with the parts of it
// that are not prose, and a per-line result cache keyed by the line and those parts, so an
// edit re-checks only the lines it changed.
import type { AnalyzedDocument } from '../document';

export type SkipSpans = Array<[number, number]>;

/** [start, end) offsets of text that is not prose (a document's excluded spans). */
export interface OffsetSpan {
  readonly start: number;
  readonly end: number;
}

const LINE_CACHE_LIMIT = 100_000;

/** Index of the first of the sorted `spans` that ends after `offset` (binary search). */
export function firstSpanAfter(spans: readonly OffsetSpan[], offset: number, lo = 0): number {
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The parts of the line [start, end) that the sorted `spans` cover, relative to `start`;
 * undefined when they cover all of it. `first`: the index of the first span that ends after
 * `start`, when the caller has it.
 */
export function lineSkip(spans: readonly OffsetSpan[], start: number, end: number, first = firstSpanAfter(spans, start)): SkipSpans | undefined {
  const skip: SkipSpans = [];
  for (let i = first; i < spans.length && spans[i].start < end; i++) {
    const span = spans[i];
    if (span.start <= start && span.end >= end) return undefined;
    skip.push([Math.max(0, span.start - start), Math.min(end - start, span.end - start)]);
  }
  return skip;
}

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
      si = firstSpanAfter(spans, start, si);
      const skip = lineSkip(spans, start, start + text.length, si);
      if (skip === undefined) continue; // the whole line is code, front matter...
      const key = skip.length ? skip.map(([s, e]) => `${s}-${e},`).join('') + '\u0000' + text : text;
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

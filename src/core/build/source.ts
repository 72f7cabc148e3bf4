// A source document given to `medwrite build`: its name (as shown in provenance) and text.
import { computeLineStarts } from '../document';

export interface SourceDocument {
  /** Name used in provenance: the file name relative to where the build ran. */
  file: string;
  text: string;
}

/** Maps offsets to 1-based lines. */
export class LineMap {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = computeLineStarts(text);
  }
  /** 1-based line of a 0-based offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** Lower-case kebab-case id: "IL-2" -> "il-2", "Nature Medicine" -> "nature-medicine". */
export function slugId(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\+/g, '-plus')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'entry'
  );
}

/** Makes `base` unique against `taken` by adding -2, -3, ... (and records it). */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

// Numbers in prose, with the comparator words around them, as intervals: "at least 1.5
// million" -> [1.5e6, inf), "50,000" -> [47500, 52500], "one and a half million",
// "1,500,000", "1.5m", "between 15 and 44" -> [15, 44]. A claim-mismatch is a sentence
// interval that cannot overlap the claim base's interval.
import type { ClaimQuantity } from '../data';

export interface Interval {
  lo: number;
  hi: number;
}

export interface QuantityMention {
  /** Offsets relative to the text, comparator words included. */
  start: number;
  end: number;
  text: string;
  value: number;
  max?: number;
  comparator: ClaimQuantity['comparator'] | '~';
  interval: Interval;
  /** Written with a magnitude word or thousands separators, or as a count of people. */
  isCount: boolean;
  /** Looks like a year, a percentage, an age or a dose rather than a count. */
  kind: 'count' | 'year' | 'percent' | 'age' | 'measure' | 'plain';
}

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, a: 1, an: 1,
  dozen: 12, dozens: 24, several: 3, half: 0.5,
};
const MAGNITUDE: Record<string, number> = {
  hundred: 100, hundreds: 100, thousand: 1e3, thousands: 1e3, k: 1e3, million: 1e6, millions: 1e6, m: 1e6, mn: 1e6,
  mio: 1e6, billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9,
};

interface Tok {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const TOKEN = /\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}]+|%|[-–—]|[^\s\p{L}\p{N}]/gu;

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

const GREATER: Array<[string[], ClaimQuantity['comparator']]> = [
  [['at', 'least'], '>='], [['no', 'fewer', 'than'], '>='], [['not', 'less', 'than'], '>='], [['no', 'less', 'than'], '>='],
  [['more', 'than'], '>'], [['over'], '>'], [['above'], '>'], [['exceeding'], '>'], [['exceeds'], '>'], [['upwards', 'of'], '>'],
  [['greater', 'than'], '>'], [['in', 'excess', 'of'], '>'], [['well', 'over'], '>'], [['beyond'], '>'],
  [['fewer', 'than'], '<'], [['less', 'than'], '<'], [['under'], '<'], [['below'], '<'], [['up', 'to'], '<='],
  [['at', 'most'], '<='], [['no', 'more', 'than'], '<='], [['not', 'more', 'than'], '<='], [['only'], '='], [['just'], '='],
  [['about'], '~'], [['around'], '~'], [['approximately'], '~'], [['approx'], '~'], [['roughly'], '~'], [['some'], '~'],
  [['an', 'estimated'], '~'], [['estimated'], '~'], [['circa'], '~'], [['ca'], '~'], [['nearly'], '<~'], [['almost'], '<~'],
  [['close', 'to'], '<~'], [['as', 'many', 'as'], '<='], [['as', 'few', 'as'], '='],
] as Array<[string[], ClaimQuantity['comparator']]>;

const COUNT_NOUNS = /^(?:people|persons?|individuals?|patients?|americans?|adults?|children|women|men|cases|residents|citizens|sufferers|lives|population)$/;
const MEASURE_UNITS = /^(?:mg|g|kg|µg|ug|mcg|ng|ml|l|iu|u|units?|mm|cm|m2|days?|weeks?|months?|hours?|h|min|minutes?|doses?|mmol|mol|nm|µm|fold|times|x|ku|miu|percent|per)$/;
const AGE_WORDS = /^(?:age|ages|aged|ageing|aging|years?|yrs?|year-olds?|old)$/;

/** Every number mention in `text`, with comparators and a kind. */
export function findQuantities(text: string): QuantityMention[] {
  const toks = tokens(text);
  const out: QuantityMention[] = [];
  for (let i = 0; i < toks.length; i++) {
    const parsed = parseNumberAt(toks, i);
    if (!parsed) continue;
    let { value, end } = parsed;
    let max: number | undefined;
    // Ranges: "15 to 44", "15-44", "between 15 and 44", "1.5-2 million".
    const sep = toks[end]?.lower;
    if (sep === 'to' || sep === '-' || sep === '–' || sep === '—' || (sep === 'and' && toks[i - 1]?.lower === 'between')) {
      const second = parseNumberAt(toks, end + 1);
      if (second) {
        max = second.value;
        // "1.5-2 million": the magnitude applies to both.
        if (!parsed.scaled && second.scaled && second.magnitude) value *= second.magnitude;
        end = second.end;
      }
    }
    // Comparator words before.
    let startTok = i;
    if (toks[i - 1]?.lower === 'between') startTok = i - 1;
    let comparator: QuantityMention['comparator'] | '<~' = max !== undefined ? 'range' : '=';
    if (max === undefined) {
      for (const [words, cmp] of GREATER) {
        const from = i - words.length;
        if (from < 0) continue;
        if (words.every((w, k) => toks[from + k].lower === w)) {
          comparator = cmp as QuantityMention['comparator'] | '<~';
          startTok = from;
          break;
        }
      }
    }
    const next = toks[end]?.lower ?? '';
    const next2 = toks[end + 1]?.lower ?? '';
    const prev = toks[startTok - 1]?.lower ?? '';
    let kind: QuantityMention['kind'] = 'plain';
    const plainDigits = /^\d{4}$/.test(toks[i].text) && !parsed.scaled && max === undefined;
    if (next === '%' || next === 'percent' || next === 'per' && next2 === 'cent') kind = 'percent';
    else if (AGE_WORDS.test(next) || AGE_WORDS.test(prev) || (prev === 'of' && /^ages?$/.test(toks[startTok - 2]?.lower ?? ''))) kind = 'age';
    else if (MEASURE_UNITS.test(next)) kind = 'measure';
    else if (plainDigits && value >= 1800 && value <= 2100 && !COUNT_NOUNS.test(next)) kind = 'year';
    else if (/^\d{4}s$/.test(toks[i].text + (toks[end]?.text === 's' ? 's' : ''))) kind = 'year';
    else if (parsed.scaled || parsed.separated || COUNT_NOUNS.test(next) || COUNT_NOUNS.test(next2)) kind = 'count';
    const hi = max ?? value;
    let interval: Interval;
    switch (comparator) {
      case '>=': interval = { lo: value, hi: Infinity }; break;
      case '>': interval = { lo: value * 1.0000001, hi: Infinity }; break;
      case '<': interval = { lo: 0, hi: value * 0.9999999 }; break;
      case '<=': interval = { lo: 0, hi: value }; break;
      case 'range': interval = { lo: Math.min(value, hi), hi: Math.max(value, hi) }; break;
      case '<~': interval = { lo: value * 0.85, hi: value }; break;
      case '~': interval = { lo: value * 0.9, hi: value * 1.1 }; break;
      default: interval = { lo: value * 0.95, hi: value * 1.05 };
    }
    const start = toks[startTok].start;
    const endOff = toks[end - 1].end;
    out.push({
      start,
      end: endOff,
      text: text.slice(start, endOff),
      value,
      max,
      comparator: comparator === '<~' ? '~' : comparator,
      interval,
      isCount: kind === 'count',
      kind,
    });
    i = end - 1;
  }
  return out;
}

interface Parsed {
  value: number;
  /** Token index after the number. */
  end: number;
  scaled: boolean;
  magnitude?: number;
  separated: boolean;
}

/** A number starting at token i: digits, digits + magnitude, or number words. */
function parseNumberAt(toks: Tok[], i: number): Parsed | undefined {
  const t = toks[i];
  if (!t) return undefined;
  if (/^\d/.test(t.text)) {
    // Not part of an identifier or a decimal written with a comma of another kind.
    const separated = /[,\u00a0\u202f ]/.test(t.text);
    let value = Number(t.text.replace(/[,\u00a0\u202f ]/g, ''));
    if (!Number.isFinite(value)) return undefined;
    let end = i + 1;
    let scaled = false;
    let magnitude: number | undefined;
    const mag = toks[end] && MAGNITUDE[toks[end].lower];
    // `1.5m`/`2k` glued, or `1.5 million`; single letters only when glued to the digits.
    if (mag && (toks[end].lower.length > 2 || toks[end].start === t.end)) {
      value *= mag;
      magnitude = mag;
      scaled = true;
      end++;
    }
    return { value, end, scaled, magnitude, separated };
  }
  // Number words: "one and a half million", "half a million", "fifty thousand", "two million".
  let j = i;
  let value = 0;
  let current = 0;
  let any = false;
  let scaled = false;
  let magnitude: number | undefined;
  while (j < toks.length) {
    const w = toks[j].lower;
    if (w in SMALL && !(w === 'a' || w === 'an') ) {
      if (w === 'half') current += 0.5;
      else current += SMALL[w];
      any = true;
      j++;
    } else if ((w === 'a' || w === 'an') && j + 1 < toks.length && (toks[j + 1].lower in MAGNITUDE || toks[j + 1].lower === 'half' || toks[j + 1].lower === 'dozen')) {
      // "a million" = 1 million; "half a million" = 0.5 million; "a half" = 0.5.
      if (toks[j + 1].lower !== 'half' && !any) current += 1;
      any = true;
      j++;
    } else if (w in MAGNITUDE && w.length > 2 && any) {
      current = (current || 1) * MAGNITUDE[w];
      magnitude = MAGNITUDE[w];
      if (MAGNITUDE[w] >= 1000) {
        value += current;
        current = 0;
      }
      scaled = true;
      j++;
    } else if (w === 'and' && any && toks[j + 1] && (toks[j + 1].lower in SMALL)) {
      j++;
    } else if (w === '-' && any && toks[j + 1] && toks[j + 1].lower in SMALL) {
      j++;
    } else break;
  }
  if (!any) return undefined;
  value += current;
  // Lone "a"/"one" without magnitude is not a quantity worth checking.
  if (!scaled && value < 2) return undefined;
  return { value, end: j, scaled, magnitude, separated: false };
}

/** The claim base's interval for a quantity. */
export function claimInterval(q: ClaimQuantity): Interval {
  switch (q.comparator) {
    case '>=': return { lo: q.value, hi: Infinity };
    case '>': return { lo: q.value * 1.0000001, hi: Infinity };
    case '<=': return { lo: 0, hi: q.value };
    case '<': return { lo: 0, hi: q.value * 0.9999999 };
    case 'range': return { lo: q.value, hi: q.max ?? q.value };
    default: return { lo: q.value * 0.9, hi: q.value * 1.1 };
  }
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** Mentions in a sentence that talk about the same kind of number as the claim's quantity. */
export function relevantMentions(q: ClaimQuantity, mentions: QuantityMention[]): QuantityMention[] {
  const ageClaim = /\bage|years? of age|aged\b/i.test(q.unit);
  return mentions.filter((m) => {
    if (m.kind === 'percent' || m.kind === 'measure' || m.kind === 'year') return false;
    if (ageClaim) return m.kind === 'age' || (m.kind === 'plain' && m.value < 130);
    if (m.kind === 'age') return false;
    // Counts of people: a small bare number ("3 organs") is something else.
    if (q.value >= 1000) return m.kind === 'count' || m.value >= 1000;
    return true;
  });
}

/** "at least 1.5 million" */
export function describeQuantity(q: ClaimQuantity): string {
  const v = formatNumber(q.value);
  switch (q.comparator) {
    case '>=': return `at least ${v}`;
    case '>': return `more than ${v}`;
    case '<=': return `at most ${v}`;
    case '<': return `fewer than ${v}`;
    case 'range': return `${v} to ${formatNumber(q.max ?? q.value)}`;
    default: return `about ${v}`;
  }
}

export function formatNumber(n: number): string {
  if (n >= 1e9 && n % 1e7 === 0) return `${trim(n / 1e9)} billion`;
  if (n >= 1e6 && n % 1e4 === 0) return `${trim(n / 1e6)} million`;
  return n.toLocaleString('en-US');
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

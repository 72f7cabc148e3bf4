// A regex source for "any of these words" whose alternatives share their prefixes
// (`i(?:l(?:2|17)|nterleukin)`), so the regex engine tries each start position once per
// branch instead of once per word: several times faster than a flat alternation of a
// hundred words, most of all before the JIT has warmed up.

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/**
 * The source of a regex matching exactly the given strings, with each character passed
 * through `atom` (default: escaped as a literal), e.g. to let a space stand for "any run of
 * separators". Longer matches are tried first, as in a longest-first alternation.
 */
export function trieRegexSource(words: Iterable<string>, atom: (ch: string) => string = escapeChar): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next.keys()].sort().map((ch) => atom(ch) + emit(node.next.get(ch)!));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    // A word ending here is the shorter choice: try the longer ones first.
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root) || '(?!)';
}

function escapeChar(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

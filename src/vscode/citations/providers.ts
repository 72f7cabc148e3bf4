// Completion of citation keys, hover on a key, go to definition and find references.
import * as vscode from 'vscode';
import { analyze, AnalyzedDocument } from '../../core/document';
import type { Claim, CslItem } from '../../core/data';
import { citationContextAt, citationKeyAt, findCitationUses } from '../../core/citations/complete';
import { authorList, escapeMarkdown, formatReference, linkOf, yearOf, type CitationStyle } from '../../core/citations/format';
import { toRange } from '../convert';
import type { Services } from '../services';
import type { CitationLibrary } from './library';

/** Markdown and LaTeX-like documents, on disk or unsaved. */
export const CITATION_SELECTOR: vscode.DocumentFilter[] = ['markdown', 'quarto', 'rmd', 'latex'].flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
]);

const COMPLETION_LIMIT = 50;

export function analyzeDoc(doc: vscode.TextDocument): AnalyzedDocument {
  return analyze({ uri: doc.uri.toString(), languageId: doc.languageId, text: doc.getText(), version: doc.version });
}

/** Documents up to this many lines are analysed whole on every request. */
const WHOLE_DOCUMENT_LINES = 2000;
const WINDOW_LINES = 60;

/**
 * The part of a document around `line` that decides what is a citation there, analysed alone,
 * so completion and hover stay fast in very long documents. Undefined when `line` is inside
 * fenced code or front matter (no citations there). `firstLine` is the window's first line.
 */
export function analyzeNear(doc: vscode.TextDocument, line: number): { adoc: AnalyzedDocument; firstLine: number } | undefined {
  if (doc.lineCount <= WHOLE_DOCUMENT_LINES) return { adoc: analyzeDoc(doc), firstLine: 0 };
  const text = doc.getText();
  const cursorOffset = doc.offsetAt(new vscode.Position(line, 0));
  let boundary = 0; // the line after the last fence or front matter end before `line`
  if (doc.languageId !== 'latex') {
    const fm = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
    if (/^---[ \t]*\r?\n/.test(text)) {
      if (!fm || fm[0].length > cursorOffset) return undefined;
      boundary = doc.positionAt(fm[0].length).line;
    }
    // Fenced code, as src/core/document.ts reads it: a fence closes with the same character, at least as long.
    let open: { char: string; len: number } | undefined;
    const fenceRe = /^ {0,3}(`{3,}|~{3,})(.*)$/gm;
    fenceRe.lastIndex = 0;
    for (let m = fenceRe.exec(text); m && m.index < cursorOffset; m = fenceRe.exec(text)) {
      if (open) {
        if (m[1][0] === open.char && m[1].length >= open.len && m[2].trim() === '') {
          open = undefined;
          boundary = Math.max(boundary, doc.positionAt(m.index).line + 1);
        }
      } else {
        open = { char: m[1][0], len: m[1].length };
        boundary = Math.max(boundary, doc.positionAt(m.index).line);
      }
    }
    if (open) return undefined;
  }
  const firstLine = Math.max(boundary, line - WINDOW_LINES);
  const lastLine = Math.min(doc.lineCount - 1, line + 5);
  const slice = doc.getText(new vscode.Range(firstLine, 0, lastLine, doc.lineAt(lastLine).text.length));
  return { adoc: analyze({ uri: doc.uri.toString(), languageId: doc.languageId, text: slice, version: doc.version }), firstLine };
}

const shiftRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }, by: number) => ({
  start: { line: r.start.line + by, character: r.start.character },
  end: { line: r.end.line + by, character: r.end.character },
});

/** The citation key under `position` (window-analysed), with its range in document lines. */
export function keyAt(doc: vscode.TextDocument, position: vscode.Position): { key: string; range: vscode.Range } | undefined {
  const near = analyzeNear(doc, position.line);
  if (!near) return undefined;
  const use = citationKeyAt(near.adoc, { line: position.line - near.firstLine, character: position.character });
  return use ? { key: use.key, range: toRange(shiftRange(use.range, near.firstLine)) } : undefined;
}

class CitationItem extends vscode.CompletionItem {
  constructor(
    readonly ref: CslItem,
    readonly style: CitationStyle,
    readonly claims: Claim[],
  ) {
    super({ label: ref.id, description: [authorList(ref), yearOf(ref)].filter(Boolean).join(' ') }, vscode.CompletionItemKind.Reference);
  }
}

export function registerProviders(context: vscode.ExtensionContext, services: Services, library: CitationLibrary): void {
  const completion: vscode.CompletionItemProvider<CitationItem> = {
    async provideCompletionItems(doc, position) {
      const near = analyzeNear(doc, position.line);
      const ctx = near && citationContextAt(near.adoc, { line: position.line - near.firstLine, character: position.character });
      if (!near || !ctx) return undefined;
      const merged = await library.forDocument(doc);
      const index = await library.indexAsync(merged);
      const style = library.style(doc);
      const skip = new Set(ctx.existingKeys);
      const range = toRange(shiftRange(ctx.range, near.firstLine));
      const items: CitationItem[] = [];
      for (const hit of index.search(ctx.query, COMPLETION_LIMIT + skip.size)) {
        if (skip.has(hit.ref.key) || items.length >= COMPLETION_LIMIT) continue;
        const item = new CitationItem(hit.ref.item, style, []);
        item.detail = hit.ref.title || undefined;
        item.range = range;
        // Fuse has ranked and filtered already: keep VS Code's own filter from dropping matches on title/author.
        item.filterText = `${ctx.query} ${hit.ref.key}`;
        item.sortText = String(items.length).padStart(4, '0');
        item.insertText = hit.ref.key;
        items.push(item);
      }
      return new vscode.CompletionList(items, true);
    },
    resolveCompletionItem(item) {
      const md = new vscode.MarkdownString(referenceMarkdown(item.ref, item.style, supportingClaims(services, item.ref.id)));
      md.isTrusted = false;
      item.documentation = md;
      return item;
    },
  };

  const hover: vscode.HoverProvider = {
    async provideHover(doc, position) {
      const use = keyAt(doc, position);
      if (!use) return undefined;
      const merged = await library.forDocument(doc);
      const ref = merged.byKey.get(use.key);
      if (!ref) return undefined;
      const md = new vscode.MarkdownString(referenceMarkdown(ref, library.style(doc), supportingClaims(services, use.key)));
      md.isTrusted = false;
      return new vscode.Hover(md, use.range);
    },
  };

  const definition: vscode.DefinitionProvider = {
    async provideDefinition(doc, position) {
      const use = keyAt(doc, position);
      if (!use) return undefined;
      const merged = await library.forDocument(doc);
      const loc = merged.locations.get(use.key);
      const uri = loc ? services.dataFileUri(loc.file) : undefined;
      if (!loc || !uri) return undefined;
      return new vscode.Location(uri, new vscode.Position(Math.max(0, loc.line - 1), 0));
    },
  };

  const references: vscode.ReferenceProvider = {
    async provideReferences(doc, position, refContext, token) {
      const use = keyAt(doc, position);
      if (!use) return undefined;
      const out = await findKeyUses(use.key, token);
      if (refContext.includeDeclaration) {
        const loc = (await library.forDocument(doc)).locations.get(use.key);
        const uri = loc ? services.dataFileUri(loc.file) : undefined;
        if (loc && uri) out.unshift(new vscode.Location(uri, new vscode.Position(Math.max(0, loc.line - 1), 0)));
      }
      return out;
    },
  };

  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, completion, '@', '{', ','),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, hover),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, definition),
    vscode.languages.registerReferenceProvider(CITATION_SELECTOR, references),
  );
}

/** Claims of the claim base that name `key` among their supporting references. */
export function supportingClaims(services: Services, key: string): Claim[] {
  return services.engine().data.claims.filter((c) => c.references.includes(key));
}

const MAX_CLAIMS_SHOWN = 8;

/** Hover / completion documentation: formatted reference, DOI link, supported claims. */
export function referenceMarkdown(ref: CslItem, style: CitationStyle, claims: Claim[]): string {
  const parts = [`**@${escapeMarkdown(ref.id)}** · ${style.toUpperCase()}`, '', formatReference(ref, style, 'markdown')];
  const link = linkOf(ref);
  if (link) {
    const label = typeof ref.DOI === 'string' && ref.DOI ? `doi:${ref.DOI.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')}` : link;
    parts.push('', `[${escapeMarkdown(label)}](${link.replace(/\)/g, '%29').replace(/ /g, '%20')})`);
  }
  if (claims.length) {
    parts.push('', `Supports ${claims.length === 1 ? 'this claim' : `these ${claims.length} claims`} of the claim base:`, '');
    for (const c of claims.slice(0, MAX_CLAIMS_SHOWN)) parts.push(`- ${escapeMarkdown(c.statement)} (\`${c.id}\`)`);
    if (claims.length > MAX_CLAIMS_SHOWN) parts.push(`- and ${claims.length - MAX_CLAIMS_SHOWN} more`);
  }
  return parts.join('\n');
}

/** Where `key` is cited in the workspace's Markdown, Quarto and LaTeX files (open documents as edited). */
export async function findKeyUses(key: string, token?: vscode.CancellationToken): Promise<vscode.Location[]> {
  const out: vscode.Location[] = [];
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const files = await vscode.workspace.findFiles('**/*.{md,markdown,qmd,rmd,Rmd,tex}', '**/{node_modules,.git,out,dist}/**', 5000, token);
  const seen = new Set<string>();
  const scan = (uri: vscode.Uri, languageId: string, text: string) => {
    if (!text.includes(key)) return;
    const adoc = analyze({ uri: uri.toString(), languageId, text });
    for (const use of findCitationUses(adoc)) if (use.key === key) out.push(new vscode.Location(uri, toRange(use.range)));
  };
  for (const uri of files) {
    if (token?.isCancellationRequested) break;
    seen.add(uri.toString());
    const doc = open.get(uri.toString());
    if (doc) {
      scan(uri, doc.languageId, doc.getText());
      continue;
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      scan(uri, languageOfPath(uri.path), text);
    } catch {
      // unreadable: skip
    }
  }
  for (const [k, doc] of open) {
    if (!seen.has(k) && CITATION_SELECTOR.some((f) => f.language === doc.languageId)) scan(doc.uri, doc.languageId, doc.getText());
  }
  return out;
}

function languageOfPath(p: string): string {
  const lower = p.toLowerCase();
  if (lower.endsWith('.tex')) return 'latex';
  if (lower.endsWith('.qmd')) return 'quarto';
  return 'markdown';
}

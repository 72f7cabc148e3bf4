// Completion of citation keys, hover on a key, go to definition and find references.
import * as vscode from 'vscode';
import { analyze, AnalyzedDocument } from '../../core/document';
import type { Claim, CslItem } from '../../core/data';
import { citationContextAt, citationKeyAt, findCitationUses } from '../../core/citations/complete';
import { authorList, escapeMarkdown, formatReference, linkOf, yearOf, type CitationStyle } from '../../core/citations/format';
import { fromPosition, toRange } from '../convert';
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
      const ctx = citationContextAt(analyzeDoc(doc), fromPosition(position));
      if (!ctx) return undefined;
      const merged = await library.forDocument(doc);
      const index = library.index(merged);
      const style = library.style(doc);
      const skip = new Set(ctx.existingKeys);
      const range = toRange(ctx.range);
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
      const use = citationKeyAt(analyzeDoc(doc), fromPosition(position));
      if (!use) return undefined;
      const merged = await library.forDocument(doc);
      const ref = merged.byKey.get(use.key);
      if (!ref) return undefined;
      const md = new vscode.MarkdownString(referenceMarkdown(ref, library.style(doc), supportingClaims(services, use.key)));
      md.isTrusted = false;
      return new vscode.Hover(md, toRange(use.range));
    },
  };

  const definition: vscode.DefinitionProvider = {
    async provideDefinition(doc, position) {
      const use = citationKeyAt(analyzeDoc(doc), fromPosition(position));
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
      const use = citationKeyAt(analyzeDoc(doc), fromPosition(position));
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

// Insert Citation (a fuzzy quick pick over every reference, the ones that support the claim
// in the current sentence first) and Update Reference List.
import * as vscode from 'vscode';
import type { AnalyzedDocument } from '../../core/document';
import { citationContextAt, citationIndexForAsync, type CitationIndex, type SearchHit } from '../../core/citations/complete';
import { CitationResolver, detectCitationFormat, findCitations, formatCitation } from '../../core/citations/inText';
import { updateReferenceList } from '../../core/citations/referenceList';
import { ClaimChecker } from '../../core/claims';
import type { MergedBibliography } from '../../node/bibliography';
import { fromPosition, toWorkspaceEdit } from '../convert';
import type { Services } from '../services';
import type { CitationLibrary } from './library';
import { analyzeDoc } from './providers';

/**
 * Arguments of `medwrite.insertCitation`. `keys` skips the quick pick (a narrow seam for
 * tests and for other commands, e.g. a quick fix that inserts the supporting reference).
 */
export interface InsertCitationArgs {
  keys?: string[];
}

export interface InsertCitationResult {
  inserted: string;
  /** Keys offered first because they support the claim in the current sentence. */
  preferred: string[];
}

const PICK_LIMIT = 200;

export function registerCommands(context: vscode.ExtensionContext, services: Services, library: CitationLibrary): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('medwrite.insertCitation', (args?: InsertCitationArgs) => insertCitation(services, library, args)),
    vscode.commands.registerCommand('medwrite.updateReferenceList', () => updateList(library)),
  );
}

async function insertCitation(services: Services, library: CitationLibrary, args?: InsertCitationArgs): Promise<InsertCitationResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('MedWrite: open a document to insert a citation.');
    return undefined;
  }
  const doc = editor.document;
  const adoc = analyzeDoc(doc);
  const merged = await library.forDocument(doc);
  adoc.references = merged.items;
  const offset = doc.offsetAt(editor.selection.active);
  const { preferred, insertText } = citationHelpers(services, adoc, merged, offset);

  let keys = args?.keys;
  if (!keys) {
    const index = await citationIndexForAsync(merged.items);
    const picked = await pickReferences(index, preferred);
    if (!picked || picked.length === 0) return undefined;
    keys = picked;
  }
  const known = keys.filter((k) => merged.byKey.has(k));
  if (known.length === 0) {
    void vscode.window.showWarningMessage(`MedWrite: no reference with key ${keys.join(', ')}.`);
    return undefined;
  }
  const text = insertText(known, fromPosition(editor.selection.active));
  const ok = await editor.edit((b) => b.replace(editor.selection, text));
  return ok ? { inserted: text, preferred } : undefined;
}

/** Preferred keys (claims of the current sentence) and the text to insert for chosen keys. */
function citationHelpers(services: Services, adoc: AnalyzedDocument, merged: MergedBibliography, offset: number) {
  const engine = services.engine();
  let preferred: string[] = [];
  let analysis: ReturnType<ClaimChecker['analyzeDocument']> | undefined;
  try {
    analysis = new ClaimChecker(engine.data, engine.glossary).analyzeDocument(adoc);
    const here = analysis.sentences.find((r) => offset >= r.sentence.start && offset <= r.sentence.end);
    const keys = new Set<string>();
    for (const o of here?.occurrences ?? []) for (const k of o.claim.references) keys.add(k);
    preferred = [...keys].filter((k) => merged.byKey.has(k));
  } catch (err) {
    services.output.appendLine(`MedWrite: claim analysis for Insert Citation failed: ${(err as Error).message}`);
  }
  const insertText = (keys: string[], position: { line: number; character: number }): string => {
    // Inside a Pandoc group `[@a; |]` or `\cite{a,|}`: add the keys to it.
    const ctx = citationContextAt(adoc, position);
    const lineBefore = adoc.lineText(position.line).slice(0, position.character);
    if (ctx?.syntax === 'latex') return (/[{,]\s*$/.test(lineBefore) ? '' : ',') + keys.join(',');
    if (ctx?.syntax === 'pandoc' && ctx.query === '') return keys.join('; @');
    if (/\[[^\]]*@[^\]]*$/.test(lineBefore)) return `; ${keys.map((k) => `@${k}`).join('; ')}`;
    const format = analysis?.format ?? detectCitationFormat(findCitations(adoc.text, { latex: adoc.languageId === 'latex' }), adoc.languageId);
    const resolver = new CitationResolver(merged.items, analysis ? [...analysis.resolver.numbered.values()] : []);
    const text = formatCitation(keys, format, resolver);
    const prev = lineBefore.slice(-1);
    return prev && /[\p{L}\p{N}.,;:)]/u.test(prev) && !text.startsWith('^') ? ` ${text}` : text;
  };
  return { preferred, insertText };
}

interface RefPick extends vscode.QuickPickItem {
  key: string;
}

/** A quick pick whose items come from the Fuse index on every keystroke. */
function pickReferences(index: CitationIndex, preferred: string[]): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<RefPick>();
    qp.title = 'Insert Citation';
    qp.placeholder = preferred.length
      ? 'Search by key, author, title, year or journal (references that support this sentence come first)'
      : 'Search by key, author, title, year or journal';
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    const pref = new Set(preferred);
    const toItem = (h: SearchHit): RefPick => ({
      key: h.ref.key,
      label: `${pref.has(h.ref.key) ? '$(pass) ' : ''}${h.ref.authors.split('; ').slice(0, 3).join(', ')}${h.ref.authors.split('; ').length > 3 ? ' et al.' : ''} (${h.ref.year || 'n.d.'})`,
      description: `@${h.ref.key}${pref.has(h.ref.key) ? ' · supports the claim in this sentence' : ''}`,
      detail: [h.ref.title, h.ref.journal].filter(Boolean).join(' — '),
      alwaysShow: true,
    });
    const update = (value: string) => {
      qp.items = index.search(value, PICK_LIMIT, preferred).map(toItem);
    };
    update('');
    let done = false;
    const finish = (value: string[] | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => finish(qp.selectedItems.map((i) => i.key)));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

async function updateList(library: CitationLibrary): Promise<{ listed: string[]; unknown: string[] } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  if (!['markdown', 'quarto', 'rmd'].includes(doc.languageId)) {
    void vscode.window.showInformationMessage('MedWrite: Update Reference List works on Markdown and Quarto documents.');
    return undefined;
  }
  const merged = await library.forDocument(doc);
  const result = updateReferenceList(analyzeDoc(doc), (k) => merged.byKey.get(k), { style: library.style(doc) });
  if (result.edits.length) await vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, result.edits));
  const note = result.unknown.length ? ` Not in any bibliography: ${result.unknown.join(', ')}.` : '';
  void vscode.window.showInformationMessage(
    result.edits.length ? `MedWrite: reference list updated (${result.listed.length} references).${note}` : `MedWrite: the reference list is up to date.${note}`,
  );
  return { listed: result.listed, unknown: result.unknown };
}

// The writer's bibliographies as the editor sees them: which files apply to a document
// (front matter, settings, .medwrite/), loaded once and reloaded when they change on disk,
// merged with the shipped/workspace references, with a search index built in the background.
// Malformed entries become diagnostics on the bibliography file at their line.
import * as path from 'path';
import * as vscode from 'vscode';
import { analyze } from '../../core/document';
import { citationIndexFor, citationIndexForAsync, type CitationIndex } from '../../core/citations/complete';
import { type CitationStyle, parseCitationStyle } from '../../core/citations/format';
import {
  BibliographyStore,
  bibliographyFiles,
  type BibliographyIssue,
  type MergedBibliography,
  registerShippedStyles,
  shippedStylesDir,
} from '../../node/bibliography';
import type { Services } from '../services';

export class CitationLibrary implements vscode.Disposable {
  readonly store = new BibliographyStore();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('medwrite-bibliography');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a bibliography file changed (and was invalidated). */
  readonly onDidChange = this.changed.event;
  private reported = new Set<string>();

  constructor(private readonly services: Services) {
    const ext = services.context.extensionPath;
    try {
      registerShippedStyles(path.join(ext, 'styles'));
    } catch {
      registerShippedStyles(shippedStylesDir());
    }
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,biblatex,json,yaml,yml}');
    const onFile = (uri: vscode.Uri) => {
      if (!this.store.knownFiles().includes(uri.fsPath)) return;
      this.store.invalidate(uri.fsPath);
      this.changed.fire();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidSaveTextDocument((doc) => onFile(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('medwrite.bibliographies')) this.changed.fire();
      }),
      services.onDidChangeEngine(() => this.changed.fire()),
      this.diagnostics,
      this.changed,
    );
  }

  /** Citation style for a document (setting `medwrite.citationStyle`). */
  style(doc?: vscode.TextDocument): CitationStyle {
    return parseCitationStyle(vscode.workspace.getConfiguration('medwrite', doc).get<string>('citationStyle'), 'ama');
  }

  /** Bibliography files that apply to `doc`, in priority order. */
  files(doc: vscode.TextDocument): string[] {
    const config = vscode.workspace.getConfiguration('medwrite', doc);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const own = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (own && own.uri.scheme === 'file') {
      folders.splice(folders.indexOf(own.uri.fsPath), 1);
      folders.unshift(own.uri.fsPath);
    }
    const frontMatter = analyze({ uri: doc.uri.toString(), languageId: doc.languageId, text: frontMatterText(doc) }).frontMatter;
    return bibliographyFiles({
      settingsPaths: config.get<string[]>('bibliographies', []),
      workspaceFolders: folders,
      documentFile: doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined,
      frontMatter,
    });
  }

  /** Every reference available to `doc`: its bibliographies, then the shipped/workspace references. */
  async forDocument(doc: vscode.TextDocument): Promise<MergedBibliography> {
    const merged = await this.store.collect(this.files(doc), this.services.engine().data);
    this.report(merged.issues, merged.files);
    return merged;
  }

  /** The search index of `merged` (built once; the first call may build it synchronously). */
  index(merged: MergedBibliography): CitationIndex {
    return citationIndexFor(merged.items);
  }

  /** The search index of `merged`, built in slices that yield to the editor (shared with `warm`). */
  indexAsync(merged: MergedBibliography): Promise<CitationIndex> {
    return citationIndexForAsync(merged.items);
  }

  /** Loads a document's bibliographies and builds their index in the background. */
  warm(doc: vscode.TextDocument): void {
    void this.forDocument(doc)
      .then((merged) => citationIndexForAsync(merged.items))
      .catch((err) => this.services.output.appendLine(`MedWrite: bibliography: ${(err as Error).message}`));
  }

  private report(issues: BibliographyIssue[], files: string[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of files) byFile.set(f, []);
    for (const issue of issues) {
      const line = Math.max(0, issue.line - 1);
      const col = Math.max(0, issue.column - 1);
      const d = new vscode.Diagnostic(
        new vscode.Range(line, col, line, col + 1),
        issue.message,
        issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'medwrite';
      d.code = 'data-error';
      const list = byFile.get(issue.file) ?? [];
      list.push(d);
      byFile.set(issue.file, list);
    }
    for (const [file, diags] of byFile) {
      const key = `${file}\u0000${diags.map((d) => `${d.range.start.line}:${d.message}`).join('\u0001')}`;
      if (this.reported.has(key)) continue;
      this.reported = new Set([...this.reported].filter((k) => !k.startsWith(`${file}\u0000`)));
      this.reported.add(key);
      this.diagnostics.set(vscode.Uri.file(file), diags);
      for (const d of diags) this.services.output.appendLine(`${file}:${d.range.start.line + 1}: ${d.message}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Only the front matter block (the rest of a long document is not needed to find `bibliography:`). */
function frontMatterText(doc: vscode.TextDocument): string {
  if (doc.languageId === 'latex' || doc.lineCount === 0 || !/^---\s*$/.test(doc.lineAt(0).text)) return '';
  for (let line = 1; line < Math.min(doc.lineCount, 500); line++) {
    if (/^(?:---|\.\.\.)\s*$/.test(doc.lineAt(line).text)) return doc.getText(new vscode.Range(0, 0, line + 1, 0));
  }
  return '';
}

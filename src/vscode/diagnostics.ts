// Checks open documents as the writer types: one pending check per document, results
// dropped when the document moved on, diagnostics cleared when it closes.
import * as vscode from 'vscode';
import type { CslItem, Finding } from '../core';
import { CHUNK_CHARS } from '../core/engine';
import { toDiagnostic } from './convert';
import { isCheckedDocument, Services } from './services';
import type { IgnoredWords } from './words';

const DEBOUNCE_MS = 200;

export class DiagnosticsFeature implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('medwrite');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The findings behind each document's diagnostics, for code actions. */
  private readonly findings = new Map<string, Finding[]>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The references of a document's own bibliographies (set once the citation library exists). */
  private referencesFor: (doc: vscode.TextDocument) => Promise<CslItem[]> = async () => [];

  constructor(
    private readonly services: Services,
    private readonly ignored: IgnoredWords,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      services.onDidChangeEngine(() => this.checkAllOpen()),
    );
    this.checkAllOpen();
  }

  findingsFor(uri: vscode.Uri): Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** Uses the writer's bibliographies for `unknown-citation`, re-checking when they change. */
  useBibliographies(referencesFor: (doc: vscode.TextDocument) => Promise<CslItem[]>, onDidChange: vscode.Event<void>): void {
    this.referencesFor = referencesFor;
    this.disposables.push(onDidChange(() => this.checkAllOpen()));
    this.checkAllOpen();
  }

  /** Shows findings computed elsewhere (the workspace claim check) for a document that is not open. */
  publish(uri: vscode.Uri, findings: Finding[]): void {
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, (file) => this.services.dataFileUri(file))));
  }

  checkAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /**
   * Checks a document and publishes its diagnostics. Long documents are checked in
   * chunks that yield to the editor; the result is dropped if the document changed.
   */
  async checkNow(doc: vscode.TextDocument): Promise<Finding[] | undefined> {
    const version = doc.version;
    const references = await this.referencesFor(doc).catch(() => []);
    const input = { uri: doc.uri.toString(), languageId: doc.languageId, text: doc.getText(), version, references };
    const engine = this.services.engine();
    const stillWanted = () => !doc.isClosed && doc.version === version && engine === this.services.engine();
    const run = () => engine.checkInChunks(input, () => new Promise((resolve) => setImmediate(resolve)), stillWanted);
    const all =
      input.text.length > CHUNK_CHARS
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MedWrite: checking long document' }, run)
        : await run();
    if (!all || !stillWanted()) return undefined;
    const findings = this.ignored.filter(doc.uri, all);
    this.findings.set(doc.uri.toString(), findings);
    this.collection.set(doc.uri, findings.map((f) => toDiagnostic(f, (file) => this.services.dataFileUri(file))));
    return findings;
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isCheckedDocument(doc)) return;
    const key = doc.uri.toString();
    const previous = this.pending.get(key);
    if (previous) clearTimeout(previous);
    const version = doc.version;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (doc.isClosed || doc.version !== version) return; // a newer change is scheduled
        this.checkNow(doc).catch((err) => this.services.output.appendLine(`Check of ${doc.uri.fsPath} failed: ${(err as Error).stack ?? err}`));
      }, delay),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.pending.get(key);
    if (t) clearTimeout(t);
    this.pending.delete(key);
    this.findings.delete(key);
    this.collection.delete(uri);
  }
}

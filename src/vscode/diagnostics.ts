// Checks open documents as the writer types: one pending check per document, results
// dropped when the document moved on, diagnostics cleared when it closes.
// As-you-type: each edit re-checks only the paragraph around it (core/incremental.ts) and
// shows that at once; the full check runs when the writer pauses (IDLE_MS) to reconcile
// what depends on the whole document, or after DEBOUNCE_MS when an edit changed structure.
import * as vscode from 'vscode';
import type { CslItem, Engine, Finding } from '../core';
import { CHUNK_CHARS } from '../core/engine';
import { IncrementalCheck, TextChange } from '../core/incremental';
import { MedwriteDiagnostic, toDiagnostic } from './convert';
import { isCheckedDocument, Services } from './services';
import type { IgnoredWords } from './words';

const DEBOUNCE_MS = 200;
/** The full check after region re-checks waits for this pause in typing. */
const IDLE_MS = 1000;

export class DiagnosticsFeature implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('medwrite');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The findings behind each document's diagnostics, for code actions. */
  private readonly findings = new Map<string, Finding[]>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The references of a document's own bibliographies (set once the citation library exists). */
  private referencesFor: (doc: vscode.TextDocument) => Promise<CslItem[]> = async () => [];
  /** Per-document state for region re-checks, for the current engine. */
  private incremental?: IncrementalCheck;
  /**
   * The diagnostic made for each finding. A region re-check keeps the other ~2,000 finding
   * objects of a long document (moving those after a line break in place), so only the new
   * and moved ones are converted again after a keystroke; a moved one reuses its related
   * information (a data-file URI for each related item is the dear part of a conversion).
   */
  private diagnosticOf = new WeakMap<Finding, MedwriteDiagnostic>();

  constructor(
    private readonly services: Services,
    private readonly ignored: IgnoredWords,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onDidChange(e)),
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
    this.collection.set(uri, this.toDiagnostics(findings));
  }

  checkAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /**
   * Checks a document and publishes its diagnostics. Long documents are checked in
   * chunks that yield to the editor; the result is dropped if the document changed.
   */
  async checkNow(doc: vscode.TextDocument): Promise<Finding[] | undefined> {
    const references = await this.referencesFor(doc).catch(() => []);
    // Text and version are read together (after the wait), so the kept state matches its version.
    const version = doc.version;
    const input = { uri: doc.uri.toString(), languageId: doc.languageId, text: doc.getText(), version, references };
    const engine = this.services.engine();
    const stillWanted = () => !doc.isClosed && doc.version === version && engine === this.services.engine();
    const incremental = this.incrementalFor(engine);
    const run = () => incremental.checkFullInChunks(input, () => new Promise((resolve) => setImmediate(resolve)), stillWanted);
    const result =
      input.text.length > CHUNK_CHARS
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MedWrite: checking long document' }, run)
        : await run();
    if (!result || !stillWanted()) return undefined;
    return this.show(doc, result.findings);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  /**
   * A change: re-check the paragraph around it at once when that is possible (one change,
   * no structure touched), then the whole document when the writer pauses.
   */
  private onDidChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (!isCheckedDocument(doc)) return;
    if (e.contentChanges.length === 0) return; // only the dirty state changed
    let delay = DEBOUNCE_MS;
    const engine = this.services.engine();
    const changes: TextChange[] = e.contentChanges.map((c) => ({
      range: { start: { line: c.range.start.line, character: c.range.start.character }, end: { line: c.range.end.line, character: c.range.end.character } },
      text: c.text,
    }));
    try {
      const r = this.incrementalFor(engine).checkChange({ uri: doc.uri.toString(), languageId: doc.languageId, version: doc.version }, changes);
      if (r.mode === 'region') {
        this.show(doc, r.findings);
        delay = IDLE_MS;
      }
    } catch (err) {
      this.incremental?.forget(doc.uri.toString());
      this.services.output.appendLine(`Re-check of ${doc.uri.fsPath} after an edit failed: ${(err as Error).stack ?? err}`);
    }
    this.schedule(doc, delay);
  }

  /** Publishes findings (less those ignored in this document) and keeps them for code actions. */
  private show(doc: vscode.TextDocument, all: Finding[]): Finding[] {
    const findings = this.ignored.filter(doc.uri, all);
    this.findings.set(doc.uri.toString(), findings);
    this.collection.set(doc.uri, this.toDiagnostics(findings));
    return findings;
  }

  private toDiagnostics(findings: Finding[]): MedwriteDiagnostic[] {
    const out: MedwriteDiagnostic[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      let d = this.diagnosticOf.get(f);
      const r = f.range;
      if (!d || d.range.start.line !== r.start.line || d.range.start.character !== r.start.character || d.range.end.line !== r.end.line || d.range.end.character !== r.end.character) {
        const moved = d;
        d = moved ? new MedwriteDiagnostic(f) : toDiagnostic(f, (file) => this.services.dataFileUri(file));
        if (moved?.relatedInformation) d.relatedInformation = moved.relatedInformation;
        this.diagnosticOf.set(f, d);
      }
      out[i] = d;
    }
    return out;
  }

  private incrementalFor(engine: Engine): IncrementalCheck {
    if (this.incremental?.engine !== engine) {
      this.incremental = new IncrementalCheck(engine);
      this.diagnosticOf = new WeakMap(); // related information points into the old engine's data
    }
    return this.incremental;
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
    this.incremental?.forget(key);
    this.collection.delete(uri);
  }
}

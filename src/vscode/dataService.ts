// Loads the data layers, rebuilds the engine when a data file or a setting changes, and
// reports broken data files (notification + diagnostics on the file), keeping the last
// good content of each file.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { createEngine, Engine, EngineSettings, RuleId } from '../core';
import { RULES } from '../core/rules';
import type { Vocabulary } from '../core/typos/vocabulary';
import { DataIssue, formatIssue, loadData } from '../node/load';
import { loadVocabulary, VOCABULARY_FILE } from '../node/vocabulary';

type LastGood = Parameters<typeof loadData>[1];

export class DataService implements vscode.Disposable {
  private current: Engine;
  private readonly lastGood: LastGood = new Map();
  private readonly changed = new vscode.EventEmitter<Engine>();
  readonly onDidChangeEngine = this.changed.event;
  private readonly dataDiagnostics = vscode.languages.createDiagnosticCollection('medwrite-data');
  private readonly disposables: vscode.Disposable[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastReported = '';
  /** The typo rule's word list: loaded once, off the activation path. */
  private vocabulary: Vocabulary | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.OutputChannel) {
    this.current = this.load();
    // The vocabulary (tens of MB) is read after activation; the engine is rebuilt when it arrives.
    loadVocabulary({ file: path.join(context.extensionPath, 'dist', 'vocabulary', VOCABULARY_FILE) }).then(
      (vocabulary) => {
        this.vocabulary = vocabulary;
        this.reload();
      },
      (err: Error) => this.output.appendLine(`Typo check unavailable: ${err.message}`),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/.medwrite/**');
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.scheduleReload()),
      watcher.onDidCreate(() => this.scheduleReload()),
      watcher.onDidDelete(() => this.scheduleReload()),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.isDataFile(doc.uri.fsPath)) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('medwrite')) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      this.dataDiagnostics,
      this.changed,
    );
  }

  engine(): Engine {
    return this.current;
  }

  /** Reloads now and rebuilds the engine. */
  reload(): Engine {
    this.current = this.load();
    this.changed.fire(this.current);
    return this.current;
  }

  dataFileUri(file: string): vscode.Uri | undefined {
    if (path.isAbsolute(file)) return vscode.Uri.file(file);
    return vscode.Uri.file(path.join(this.context.extensionPath, file));
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const d of this.disposables) d.dispose();
  }

  private scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), 150);
  }

  private sources(): string[] {
    const config = vscode.workspace.getConfiguration('medwrite');
    const sources = [path.join(this.context.extensionPath, 'glossary')];
    // A workspace without .medwrite/ is normal; missing paths named in settings are reported.
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = path.join(folder.uri.fsPath, '.medwrite');
      if (folder.uri.scheme === 'file' && fs.existsSync(dir)) sources.push(dir);
    }
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    for (const p of config.get<string[]>('glossaryPaths', [])) sources.push(path.resolve(root, p));
    return sources;
  }

  private isDataFile(file: string): boolean {
    return this.sources().some((s) => file === s || file.startsWith(s + path.sep));
  }

  private load(): Engine {
    const started = Date.now();
    const result = loadData(this.sources(), this.lastGood);
    this.report(result.issues);
    result.data.vocabulary = this.vocabulary;
    const engine = createEngine(result.data, this.engineSettings());
    this.output.appendLine(
      `Loaded ${result.data.terms.length} terms, ${result.data.claims.length} claims, ${result.data.references.length} references from ${result.files.length} files in ${Date.now() - started} ms.`,
    );
    return engine;
  }

  private engineSettings(): EngineSettings {
    const config = vscode.workspace.getConfiguration('medwrite');
    const rules: EngineSettings['rules'] = {};
    for (const id of Object.keys(RULES) as RuleId[]) {
      const enabled = config.get<boolean>(`rules.${id}.enabled`);
      const severity = config.get<string>(`rules.${id}.severity`);
      if (enabled !== undefined || severity) rules[id] = { enabled, severity: severity as never };
    }
    return { rules, words: config.get<string[]>('words', []), citationScope: config.get<string>('citationScope', 'sentence') };
  }

  private report(issues: DataIssue[]): void {
    this.dataDiagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const issue of issues) {
      const line = Math.max(0, issue.line - 1);
      const col = Math.max(0, issue.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, col, line, col + 1), issue.message, vscode.DiagnosticSeverity.Error);
      d.source = 'medwrite';
      d.code = 'data-error';
      const list = byFile.get(issue.file) ?? [];
      list.push(d);
      byFile.set(issue.file, list);
    }
    for (const [file, diags] of byFile) this.dataDiagnostics.set(vscode.Uri.file(file), diags);
    const summary = issues.map(formatIssue).join('\n');
    if (summary) this.output.appendLine(summary);
    if (summary && summary !== this.lastReported) {
      const first = issues[0];
      void vscode.window
        .showErrorMessage(
          `MedWrite: ${path.basename(first.file)}:${first.line}:${first.column}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}. Using the last good data.`,
          'Open File',
        )
        .then((choice) => {
          if (choice) void vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(first.line - 1, first.column - 1, first.line - 1, first.column - 1) });
        });
    }
    this.lastReported = summary;
  }
}

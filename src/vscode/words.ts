// The "add word to workspace" and "ignore in this document" quick-fix commands.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Finding } from '../core';
import { ADD_WORD_COMMAND, IGNORE_WORD_COMMAND } from './codeActions';

const IGNORED_KEY = 'medwrite.ignoredWords';

/** Words ignored per document (kept in workspace state). */
export class IgnoredWords {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, string[]> {
    return this.state.get<Record<string, string[]>>(IGNORED_KEY, {});
  }

  has(uri: vscode.Uri, word: string): boolean {
    return (this.all()[uri.toString()] ?? []).includes(word);
  }

  async add(uri: vscode.Uri, word: string): Promise<void> {
    const all = this.all();
    const list = new Set(all[uri.toString()] ?? []);
    list.add(word);
    await this.state.update(IGNORED_KEY, { ...all, [uri.toString()]: [...list] });
  }

  /** Drops findings the writer chose to ignore in this document. */
  filter(uri: vscode.Uri, findings: Finding[]): Finding[] {
    const ignored = new Set(this.all()[uri.toString()] ?? []);
    if (!ignored.size) return findings;
    return findings.filter((f) => {
      const word = f.fixes?.find((x) => x.kind === 'ignore-in-document')?.word;
      return !(word && ignored.has(word));
    });
  }
}

/** Appends a word to `<workspace folder>/.medwrite/words.txt`, creating it when missing. */
export function addWordToWorkspace(word: string, docUri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(docUri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('MedWrite: open a folder to keep a workspace word list.');
    return undefined;
  }
  const file = path.join(folder.uri.fsPath, '.medwrite', 'words.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Words MedWrite accepts in this workspace, one per line.\n';
  if (existing.split(/\r?\n/).some((l) => l.trim() === word)) return file;
  fs.writeFileSync(file, `${existing}${existing.endsWith('\n') || existing === '' ? '' : '\n'}${word}\n`);
  return file;
}

export function registerWordCommands(context: vscode.ExtensionContext, ignored: IgnoredWords, onChange: () => void): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ADD_WORD_COMMAND, (word: string, uri: vscode.Uri) => {
      if (addWordToWorkspace(word, uri)) onChange();
    }),
    vscode.commands.registerCommand(IGNORE_WORD_COMMAND, async (word: string, uri: vscode.Uri) => {
      await ignored.add(uri, word);
      onChange();
    }),
  );
}

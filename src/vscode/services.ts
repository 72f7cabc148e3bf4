// What feature modules share: the current engine, its data, and change events.
import * as vscode from 'vscode';
import type { Engine } from '../core';

export const DOCUMENT_SELECTOR: vscode.DocumentFilter[] = ['markdown', 'plaintext', 'latex', 'quarto'].flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
]);

export function isCheckedDocument(doc: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0;
}

export interface Services {
  context: vscode.ExtensionContext;
  /** The engine built on the current data (replaced on every reload). */
  engine(): Engine;
  /** Fires after the data was reloaded and a new engine is in place. */
  onDidChangeEngine: vscode.Event<Engine>;
  /** Opens a data file at a 1-based line (used for related information and go-to). */
  dataFileUri(file: string): vscode.Uri | undefined;
  output: vscode.OutputChannel;
}

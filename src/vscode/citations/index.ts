// Citations in the editor: completion, hover, go to definition, find references, Insert
// Citation and Update Reference List. `register` is called once from extension.ts.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCommands } from './commands';
import { CitationLibrary } from './library';
import { CITATION_SELECTOR, registerProviders } from './providers';

export { CitationLibrary } from './library';

/** Registers every citation feature; returns the library so other features (diagnostics) can use the user's bibliographies. */
export function register(context: vscode.ExtensionContext, services: Services): CitationLibrary {
  const library = new CitationLibrary(services);
  context.subscriptions.push(library);
  registerProviders(context, services, library);
  registerCommands(context, services, library);
  // Load the bibliographies of open documents in the background: activation never waits for them.
  const warm = (doc: vscode.TextDocument) => {
    if (vscode.languages.match(CITATION_SELECTOR, doc) > 0) library.warm(doc);
  };
  setTimeout(() => vscode.workspace.textDocuments.forEach(warm), 0);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(warm), library.onDidChange(() => vscode.workspace.textDocuments.forEach(warm)));
  return library;
}

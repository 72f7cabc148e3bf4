// Wires the feature modules together. Every registration goes into context.subscriptions.
import * as vscode from 'vscode';
import { registerBuildGlossary } from './buildGlossary';
import { register as registerCitations } from './citations';
import { registerCheckClaims } from './claimsWorkspace';
import { registerCodeActions } from './codeActions';
import { DataService } from './dataService';
import { DiagnosticsFeature } from './diagnostics';
import { registerHover } from './hover';
import { Services } from './services';
import { IgnoredWords, registerWordCommands } from './words';

export function activate(context: vscode.ExtensionContext): Services {
  const output = vscode.window.createOutputChannel('MedWrite');
  const data = new DataService(context, output);
  context.subscriptions.push(output, data);
  const services: Services = {
    context,
    engine: () => data.engine(),
    onDidChangeEngine: data.onDidChangeEngine,
    dataFileUri: (file) => data.dataFileUri(file),
    output,
  };
  const ignored = new IgnoredWords(context.workspaceState);
  const diagnostics = new DiagnosticsFeature(services, ignored);
  context.subscriptions.push(diagnostics);
  registerHover(services);
  registerCodeActions(context, diagnostics);
  registerWordCommands(context, ignored, () => data.reload());
  registerBuildGlossary(services);
  registerCheckClaims(services, diagnostics);
  const library = registerCitations(context, services);
  diagnostics.useBibliographies(async (doc) => (await library.forDocument(doc)).items, library.onDidChange);
  context.subscriptions.push(vscode.commands.registerCommand('medwrite.reloadData', () => data.reload()));
  return services;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

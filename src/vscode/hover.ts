// Glossary definitions on hover.
import * as vscode from 'vscode';
import { fromPosition, toRange } from './convert';
import { DOCUMENT_SELECTOR, Services } from './services';

export function registerHover(services: Services): void {
  services.context.subscriptions.push(
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, {
      provideHover(doc, position) {
        if (!vscode.workspace.getConfiguration('medwrite', doc).get<boolean>('hover.enabled', true)) return undefined;
        const result = services.engine().hover({ uri: doc.uri.toString(), languageId: doc.languageId, text: doc.getText() }, fromPosition(position));
        if (!result) return undefined;
        const md = new vscode.MarkdownString(result.contents);
        md.isTrusted = false;
        return new vscode.Hover(md, toRange(result.range));
      },
    }),
  );
}

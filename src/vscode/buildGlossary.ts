// "MedWrite: Build Glossary from Documents...": drafts terms/references/claims from
// chosen source files into a folder, with progress, then opens the drafts for review.
import * as path from 'path';
import * as vscode from 'vscode';
import { buildGlossary } from '../node/build';
import type { Services } from './services';

export const BUILD_GLOSSARY_COMMAND = 'medwrite.buildGlossary';

export function registerBuildGlossary(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(BUILD_GLOSSARY_COMMAND, async (sources?: vscode.Uri[], outDir?: vscode.Uri) => {
      const picked =
        sources ??
        (await vscode.window.showOpenDialog({
          canSelectMany: true,
          canSelectFolders: true,
          openLabel: 'Build Glossary',
          title: 'MedWrite: source documents to draft a glossary from',
          filters: { 'Documents': ['txt', 'md', 'qmd', 'tex', 'nbib', 'medline'] },
        }));
      if (!picked?.length) return undefined;
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = outDir ?? (root ? vscode.Uri.joinPath(root, '.medwrite', 'drafts') : undefined);
      if (!target) {
        void vscode.window.showWarningMessage('MedWrite: open a folder first; drafts are written to .medwrite/drafts/ in it.');
        return undefined;
      }
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'MedWrite: building glossary drafts', cancellable: false },
        (progress) =>
          buildGlossary(
            picked.map((u) => u.fsPath),
            target.fsPath,
            (done, total, file) => progress.report({ increment: 100 / Math.max(total, 1), message: `${done}/${total} ${path.basename(file)}` }),
            { knownTerms: services.engine().data.terms },
          ),
      );
      const skipped = result.files.filter((f) => f.status === 'skipped');
      const added = result.outputs.reduce((n, o) => n + o.added, 0);
      const broken = result.outputs.filter((o) => o.error);
      services.output.appendLine(`Build glossary: ${result.files.length} files, ${added} new draft entries in ${target.fsPath}.`);
      for (const s of skipped) services.output.appendLine(`  skipped ${s.file}: ${s.message}`);
      for (const b of broken) services.output.appendLine(`  left unchanged ${b.file}: ${b.error}`);
      const note = skipped.length || broken.length ? ` ${skipped.length} file(s) skipped, ${broken.length} output(s) left unchanged: see the MedWrite output.` : '';
      void (skipped.length || broken.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(
        `MedWrite: ${added} new draft entries written to ${vscode.workspace.asRelativePath(target)}.${note}`,
      );
      for (const o of result.outputs.filter((x) => x.added > 0)) {
        await vscode.window.showTextDocument(vscode.Uri.file(o.file), { preview: false });
      }
      return result;
    }),
  );
}

// "MedWrite: Check Claims in Workspace": checks every Markdown/text/LaTeX file with a
// cancellable progress notification, fills the Problems panel with the claim findings,
// and offers to write the claim report (Markdown).
import * as vscode from 'vscode';
import { analyze, AnalyzedDocument, Finding } from '../core';
import { CLAIM_RULES } from '../core/claims';
import { buildClaimReport, renderClaimReportMarkdown } from '../core/report';
import { loadDocument } from '../node/documents';
import type { DiagnosticsFeature } from './diagnostics';
import type { Services } from './services';

export const CHECK_CLAIMS_COMMAND = 'medwrite.checkClaimsInWorkspace';
const FILES = '**/*.{md,markdown,qmd,txt,tex}';
const EXCLUDE = '**/{node_modules,.git,out,dist,.medwrite}/**';

export interface WorkspaceClaimResult {
  documents: number;
  findings: number;
  skipped: string[];
  cancelled: boolean;
  reportUri?: vscode.Uri;
}

export function registerCheckClaims(services: Services, diagnostics: DiagnosticsFeature): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(CHECK_CLAIMS_COMMAND, (options?: { writeReport?: boolean }) => checkClaimsInWorkspace(services, diagnostics, options)),
  );
}

async function checkClaimsInWorkspace(services: Services, diagnostics: DiagnosticsFeature, options: { writeReport?: boolean } = {}): Promise<WorkspaceClaimResult> {
  const uris = (await vscode.workspace.findFiles(FILES, EXCLUDE)).filter((u) => u.scheme === 'file').sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  const engine = services.engine();
  const docs: Array<{ uri: vscode.Uri; doc: AnalyzedDocument }> = [];
  const skipped: string[] = [];
  let findings = 0;
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'MedWrite: checking claims', cancellable: true },
    async (progress, token) => {
      for (let i = 0; i < uris.length; i++) {
        if (token.isCancellationRequested) return true;
        const uri = uris[i];
        progress.report({ increment: 100 / uris.length, message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}` });
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const loaded = await loadDocument(uri.fsPath);
        if (!loaded.ok) {
          skipped.push(`${vscode.workspace.asRelativePath(uri)}: ${loaded.reason}`);
          continue;
        }
        // An open document is checked as it stands in the editor, saved or not.
        const doc = open ? withReferences(analyze({ uri: uri.toString(), languageId: open.languageId, text: open.getText() }), loaded.doc) : loaded.doc;
        const claimFindings: Finding[] = engine.check(doc).filter((f) => CLAIM_RULES.includes(f.rule));
        findings += claimFindings.length;
        if (!open) diagnostics.publish(uri, claimFindings);
        docs.push({ uri, doc });
        await new Promise((resolve) => setImmediate(resolve));
      }
      return false;
    },
  );
  for (const s of skipped) services.output.appendLine(`Check claims: skipped ${s}`);
  const result: WorkspaceClaimResult = { documents: docs.length, findings, skipped, cancelled };
  if (cancelled) {
    void vscode.window.showInformationMessage(`MedWrite: claim check cancelled after ${docs.length} of ${uris.length} documents.`);
    return result;
  }
  const summary = `MedWrite: checked claims in ${docs.length} documents: ${findings} finding(s)${skipped.length ? `, ${skipped.length} file(s) skipped (see the MedWrite output)` : ''}.`;
  const write = options.writeReport ?? (await vscode.window.showInformationMessage(summary, 'Write Claim Report')) === 'Write Claim Report';
  if (write) result.reportUri = await writeReport(services, docs);
  return result;
}

async function writeReport(services: Services, docs: Array<{ uri: vscode.Uri; doc: AnalyzedDocument }>): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return undefined;
  const engine = services.engine();
  const report = buildClaimReport(
    docs.map(({ uri, doc }) => ({ file: vscode.workspace.asRelativePath(uri), doc })),
    engine.data,
    engine.settings,
    engine.glossary,
  );
  const target = vscode.Uri.joinPath(root, 'medwrite-claim-report.md');
  await vscode.workspace.fs.writeFile(target, Buffer.from(renderClaimReportMarkdown(report), 'utf8'));
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

function withReferences(doc: AnalyzedDocument, from: AnalyzedDocument): AnalyzedDocument {
  doc.references.push(...from.references);
  return doc;
}

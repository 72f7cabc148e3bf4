// The reviewer's and curator's commands through the real extension host: Check Claims in
// Workspace (Problems panel + claim report) and Build Glossary from Documents.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the host was started without the fixture workspace folder');
  return f.uri;
}

describe('reviewer and curator commands (real extension host)', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension('medwrite.medwrite');
    assert.ok(ext);
    await ext.activate();
  });

  it('Check Claims in Workspace fills the Problems panel and writes the claim report, uncited claims first', async () => {
    const report = vscode.Uri.joinPath(folder(), 'medwrite-claim-report.md');
    try {
      const result = await vscode.commands.executeCommand<{ documents: number; findings: number; cancelled: boolean; reportUri?: vscode.Uri }>(
        'medwrite.checkClaimsInWorkspace',
        { writeReport: true },
      );
      assert.ok(result, 'the command returns its result');
      assert.strictEqual(result.cancelled, false);
      assert.ok(result.documents >= 4, `documents checked: ${result.documents}`);
      assert.ok(result.findings >= 1, 'the uncited claim in claims.md is found');
      const claimsUri = vscode.Uri.joinPath(folder(), 'claims.md');
      const diags = vscode.languages.getDiagnostics(claimsUri).filter((d) => d.source === 'medwrite');
      assert.ok(diags.some((d) => d.code === 'uncited-claim'), 'claims.md has an uncited-claim problem');
      const text = fs.readFileSync(report.fsPath, 'utf8');
      assert.match(text, /^# Claim report/m);
      const section = text.slice(text.indexOf('## claims.md'));
      assert.ok(section.length > 0 && text.includes('## claims.md'), 'claims.md has a section');
      assert.match(section.split('\n## ')[0], /\| UNCITED \|/);
    } finally {
      if (fs.existsSync(report.fsPath)) fs.unlinkSync(report.fsPath);
    }
  });

  it('Build Glossary from Documents drafts terms from a source and merges on a second run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-build-host-'));
    try {
      const source = path.join(dir, 'source.txt');
      fs.writeFileSync(source, 'Patients received mycophenolate mofetil (MMF) and hydroxychloroquine (HCQ) for two years.\n');
      const out = vscode.Uri.file(path.join(dir, 'drafts'));
      const first = await vscode.commands.executeCommand<{ outputs: Array<{ file: string; added: number }> }>('medwrite.buildGlossary', [vscode.Uri.file(source)], out);
      const terms = fs.readFileSync(path.join(out.fsPath, 'terms.yaml'), 'utf8');
      assert.match(terms, /MMF/);
      assert.match(terms, /mycophenolate mofetil/);
      assert.match(terms, /HCQ/);
      assert.ok(first.outputs.some((o) => o.file.endsWith('terms.yaml') && o.added >= 2));
      const second = await vscode.commands.executeCommand<{ outputs: Array<{ file: string; added: number }> }>('medwrite.buildGlossary', [vscode.Uri.file(source)], out);
      assert.ok(second.outputs.every((o) => o.added === 0), 'a second run adds nothing');
      assert.strictEqual(fs.readFileSync(path.join(out.fsPath, 'terms.yaml'), 'utf8'), terms, 'curated drafts are left byte for byte');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Entry point that VS Code loads in the extension host (--extensionTestsPath=out/test/integration/index.js).
// Runs mocha in-process and closes with the line `N passed, N failed`.
//
// Which test files run depends on the workspace the host was opened on:
//   out/test/integration/*.test.js            -> the main fixture workspace (test/fixtures/workspace)
//   out/test/integration/<folder>/*.test.js   -> the fixture workspace whose folder is named <folder>
//                                                 (e.g. workspace-broken/ for test/fixtures/workspace-broken)
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import * as vscode from 'vscode';
import Mocha = require('mocha');

function testFiles(): string[] {
  const folder = vscode.workspace.workspaceFolders?.[0]?.name;
  const sub = folder ? path.join(__dirname, folder) : '';
  const dir = sub && fs.existsSync(sub) && fs.statSync(sub).isDirectory() ? sub : __dirname;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  // The extension host relays console output (not process.stdout) to the test driver, and has no TTY.
  // Some drivers (the web workbench) pass console arguments on without applying printf-style formats, so
  // format mocha's reporter lines here.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = testFiles();
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run(() => {
        console.log(`${passed} passed, ${failed} failed`);
        if (files.length === 0) reject(new Error(`no integration test files found next to ${__filename}`));
        else if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    } catch (err) {
      console.error(err);
      console.log(`${passed} passed, ${failed + 1} failed`);
      reject(err);
    }
  });
}

#!/usr/bin/env node
/*
 * Browser check of the packaged extension in the real VS Code workbench.
 *
 * 1. packages the extension as a .vsix (`vsce package --no-dependencies`; .vscodeignore is an allowlist) and checks
 *    that it ships no sources, tests or node_modules;
 * 2. installs it into a fresh code-server (test/host) with --install-extension;
 * 3. opens test/fixtures/workspace and draft.md in headless Chromium, hovers the word IL-2 in the editor and waits
 *    for the hover widget to show "interleukin-2";
 * 4. saves a screenshot to test/e2e/screenshots/hover-il2.png (gitignored) and prints `N passed, N failed`.
 *
 * Needs `npm run build` (dist/extension.js) and the test host (bash scripts/install-test-host.sh).
 * Env: MEDWRITE_E2E_TIMEOUT (seconds, default 240), MEDWRITE_HOST_VERBOSE=1, MEDWRITE_HOST_KEEP_TMP=1.
 */
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const {
  ROOT, VERBOSE, setTag, say, finish, timeLimit, readTail, tempSession, writeUserSettings, startCodeServer,
  installExtension, launchChromium,
} = require('../../scripts/lib/test-host');

setTag('browser-check');
const TIMEOUT_S = Number(process.env.MEDWRITE_E2E_TIMEOUT || 240);
const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const SHOTS = path.join(__dirname, 'screenshots');
const EXTENSION_ID = 'medwrite.medwrite';

const results = [];
function record(name, ok, detail) {
  results.push({ name, ok });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}
function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}
/** Runs one check; a thrown error is a failure, and later checks that depend on it are not run. */
async function check(name, fn) {
  try {
    const detail = await fn();
    record(name, true, detail);
    return true;
  } catch (e) {
    record(name, false, e.message.split('\n')[0]);
    if (VERBOSE) say(e.stack);
    return false;
  }
}

function vsce(args, cwd) {
  const bin = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  return execFileSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** In the page: the screen box of the first occurrence of `word` inside element `el` (null if absent). */
function boxOfWord(el, word) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let text = '';
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.nodeValue; }
  const at = text.indexOf(word);
  if (at < 0) return null;
  const locate = (offset) => {
    for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
    return [nodes[0][0], 0];
  };
  const range = document.createRange();
  range.setStart(...locate(at));
  range.setEnd(...locate(at + word.length - 1));
  const r = range.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

async function main() {
  let phase = 'start';
  timeLimit(TIMEOUT_S, () => `browser check stuck at: ${phase}. Set MEDWRITE_E2E_TIMEOUT=<seconds> to wait longer.`);
  const t0 = Date.now();
  const { tmp, env } = tempSession('medwrite-e2e-');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const vsix = path.join(tmp, 'medwrite.vsix');
  // vsce needs absolute links for README's relative ones when the repository is not on GitHub/GitLab.
  const base = ['--baseContentUrl', 'https://example.invalid/medwrite/', '--baseImagesUrl', 'https://example.invalid/medwrite/'];

  phase = 'packaging the .vsix';
  const packaged = await check('vsce packages the extension (.vscodeignore allowlist)', () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: run npm run build');
    vsce(['package', '--no-dependencies', ...base, '-o', vsix], ROOT);
    return `${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`;
  });
  if (packaged) {
    await check('the package ships no sources, tests, out/ or node_modules', () => {
      const files = vsce(['ls', '--no-dependencies'], ROOT).split('\n').map((l) => l.trim()).filter(Boolean);
      const bad = files.filter((f) => /^(src|test|out|node_modules|scripts|bench|examples|docs|\.ci)\//.test(f) || /\.ts$|\.map$/.test(f));
      if (bad.length) throw new Error(`unexpected files: ${bad.slice(0, 5).join(', ')}`);
      if (!files.includes('dist/extension.js')) throw new Error('dist/extension.js not in the package');
      return `${files.length} files`;
    });
  }

  phase = 'code-server --install-extension';
  const installed = packaged && await check('code-server --install-extension medwrite.vsix', async () => {
    const code = await installExtension({ env, userDataDir, extensionsDir, vsix, stdio: VERBOSE ? 'inherit' : 'ignore' });
    if (code !== 0) throw new Error(`exit code ${code}`);
    const dirs = fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
    if (!dirs.length) throw new Error(`no ${EXTENSION_ID}-* folder in the extensions dir`);
    return dirs[0];
  });

  if (installed) {
    phase = 'starting code-server';
    writeUserSettings(userDataDir, { 'editor.hover.delay': 200, 'workbench.editor.enablePreview': false });
    const server = await startCodeServer({ tmp, env, userDataDir, extensionsDir });
    phase = 'starting Chromium';
    const browser = await launchChromium(env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => { if (VERBOSE) say(`page error: ${e.message}`); });
    fs.mkdirSync(SHOTS, { recursive: true });
    const shot = path.join(SHOTS, 'hover-il2.png');
    fs.rmSync(shot, { force: true });

    phase = 'opening the workbench and draft.md';
    const opened = await check('the workbench opens draft.md from the fixture workspace', async () => {
      await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(WORKSPACE)}`);
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' });
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      await row.click();
      await page.locator('.monaco-editor .view-line', { hasText: 'small dose of IL-2' }).waitFor({ state: 'visible', timeout: 30_000 });
    });

    if (opened) {
      phase = 'hovering IL-2';
      await check('hovering IL-2 in the editor shows interleukin-2', async () => {
        const line = page.locator('.monaco-editor .view-line', { hasText: 'small dose of IL-2' }).first();
        const hover = page.locator('.monaco-hover:visible', { hasText: 'interleukin-2' }).first();
        // Monaco asks the hover providers when the mouse comes to rest on a word; if the extension is still
        // activating, the answer is empty and the editor does not ask again until the mouse moves. So: move onto
        // the word (re-measured each time: the workbench may still be laying out), wait for the widget, and if
        // it has not come, move off and back. Bounded by the deadline below.
        const deadline = Date.now() + 60_000;
        let tries = 0;
        for (;;) {
          tries++;
          const box = await line.evaluate(boxOfWord, 'IL-2');
          if (!box) throw new Error('IL-2 not found in the rendered line');
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          await page.mouse.move(x, y + 60);
          await page.mouse.move(x, y, { steps: 4 });
          try {
            await hover.waitFor({ state: 'visible', timeout: 3000 });
            break;
          } catch (e) {
            if (Date.now() > deadline) throw e;
          }
        }
        // Let the widget's fade-in finish so the screenshot shows it fully drawn.
        await hover.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
        const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
        await page.screenshot({ path: shot });
        return `${tries} mouse approach(es); hover: "${text.slice(0, 50)}..."; screenshot ${path.relative(ROOT, shot)}`;
      });
    }
    if (!fs.existsSync(shot)) {
      await page.screenshot({ path: shot }).catch(() => {});
      if (fs.existsSync(shot)) say(`screenshot of the failure: ${path.relative(ROOT, shot)}`);
      if (VERBOSE || results.some((r) => !r.ok)) say(`code-server log tail:\n${readTail(server.logFile, 15)}`);
    }
  }
  if (VERBOSE) say(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return summary() ? 1 : 0;
}

main().then((code) => finish(code), (e) => {
  say(`error: ${e.message}`);
  results.push({ name: 'browser check ran to the end', ok: false });
  summary();
  finish(1);
});

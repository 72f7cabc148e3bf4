/*
 * Shared pieces for driving the test host (code-server from test/host + Debian Chromium through playwright-core):
 * used by scripts/code-server-shim.js (integration tests) and test/e2e/browser-check.js (browser check).
 *
 * Everything started here is registered with the process-wide cleanup list; call `finish(code)` to run it and
 * exit. SIGINT/SIGTERM/SIGHUP, uncaught errors and the time limit all go through the same path.
 */
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = path.join(ROOT, 'test', 'host');
const ENTRY = path.join(HOST, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.MEDWRITE_CHROMIUM || '/usr/bin/chromium';
const VERBOSE = !!process.env.MEDWRITE_HOST_VERBOSE;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

let tag = 'test-host';
function setTag(t) { tag = t; }
function say(msg) { process.stderr.write(`[${tag}] ${msg}\n`); }

// ---------------------------------------------------------------- cleanup (every path)
const cleanups = [];
let cleaning = null;
let exiting = false;
function onCleanup(fn) { cleanups.push(fn); }
function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      for (const fn of cleanups.reverse()) {
        try { await fn(); } catch (e) { if (VERBOSE) say(`cleanup: ${e.message}`); }
      }
    })();
  }
  return cleaning;
}
async function finish(code) {
  if (exiting) return;
  exiting = true;
  await cleanup();
  process.exit(code);
}
function isExiting() { return exiting; }
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { say(`got ${sig}, cleaning up`); finish(130); });
process.on('uncaughtException', (e) => { say(`error: ${e && e.stack || e}`); finish(1); });
process.on('unhandledRejection', (e) => { say(`error: ${e && e.stack || e}`); finish(1); });

/** Exits 124 with `message()` if the run is not over after `seconds`. */
function timeLimit(seconds, message) {
  const timer = setTimeout(() => { say(`TIMEOUT after ${seconds} s: ${message()}`); finish(124); }, seconds * 1000);
  onCleanup(() => clearTimeout(timer));
}

function killGroup(child, name) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { clearTimeout(t); resolve(); }
    if (VERBOSE) say(`stopping ${name} (process group ${child.pid})`);
  });
}

// ---------------------------------------------------------------- helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

function readTail(file, n = 60) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

/**
 * Makes a temporary folder (removed at cleanup unless MEDWRITE_HOST_KEEP_TMP is set) and an environment whose
 * HOME and XDG_* point inside it, so code-server, the VS Code server and Chromium never write to the real home.
 */
function tempSession(prefix) {
  const os = require('os');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => {
    if (process.env.MEDWRITE_HOST_KEEP_TMP) say(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache',
    XDG_RUNTIME_DIR: 'runtime' };
  const env = { ...process.env };
  for (const [k, d] of Object.entries(dirs)) {
    const p = path.join(tmp, d);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    env[k] = p;
  }
  // Never let the test host pick up the caller's VS Code IPC / Electron settings.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  // Lets the web workbench honour the extension test `payload` in its address (VS Code >= ~1.10x).
  env.VSCODE_OPTIONS = 'enable-smoke-test-driver';
  return { tmp, env };
}

function requireInstalled() {
  if (!fs.existsSync(ENTRY)) {
    throw new Error(`code-server is not installed (${path.relative(ROOT, ENTRY)} missing): run bash scripts/install-test-host.sh`);
  }
}

/** User settings that keep the workbench quiet and offline. */
function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...extra,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Starts code-server in its own process group; resolves { child, port, logFile } once /healthz answers. */
async function startCodeServer({ tmp, env, userDataDir, extensionsDir }) {
  requireInstalled();
  const logFile = path.join(tmp, 'code-server.log');
  const cfg = path.join(tmp, 'config.yaml');
  fs.writeFileSync(cfg, 'auth: none\ncert: false\n');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logFd = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, [ENTRY, '--config', cfg, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    { env, detached: true, stdio: ['ignore', VERBOSE ? 'inherit' : logFd, VERBOSE ? 'inherit' : logFd] });
    fs.closeSync(logFd);
    onCleanup(() => killGroup(child, 'code-server'));
    let exited = false;
    child.once('exit', () => { exited = true; });
    const deadline = Date.now() + 60_000;
    while (!exited && Date.now() < deadline) {
      if (await httpOk(`http://127.0.0.1:${port}/healthz`)) return { child, port, logFile };
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!exited) throw new Error(`code-server did not answer /healthz on port ${port} within 60 s; log:\n${readTail(logFile)}`);
    if (attempt >= 3) throw new Error(`code-server exited at start 3 times; its log:\n${readTail(logFile)}`);
    say(`code-server exited at start (port ${port} taken?), retrying`);
  }
}

/** `code-server --install-extension <vsix>` into extensionsDir; resolves its exit code. */
function installExtension({ env, userDataDir, extensionsDir, vsix, stdio = 'inherit' }) {
  requireInstalled();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--install-extension', vsix, '--force'], { env, detached: true, stdio: ['ignore', stdio, stdio] });
    onCleanup(() => killGroup(child, 'code-server --install-extension'));
    child.on('exit', (code, sig) => resolve(code ?? (sig ? 1 : 0)));
  });
}

/** Headless Debian Chromium through test/host's playwright-core; closed at cleanup. */
async function launchChromium(env) {
  let chromium;
  try {
    ({ chromium } = require(path.join(HOST, 'node_modules', 'playwright-core')));
  } catch {
    throw new Error('playwright-core is not installed in test/host: run bash scripts/install-test-host.sh');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run bash scripts/install-test-host.sh (apt chromium)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  onCleanup(() => Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5000))]));
  return browser;
}

module.exports = {
  ROOT, HOST, ENTRY, CHROMIUM, CHROMIUM_ARGS, VERBOSE,
  setTag, say, onCleanup, cleanup, finish, isExiting, timeLimit, killGroup,
  freePort, httpOk, readTail, tempSession, writeUserSettings, startCodeServer, installExtension, launchChromium,
};

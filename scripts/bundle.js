// Bundles the extension into dist/extension.js (vscode stays external).
const esbuild = require('esbuild');

esbuild
  .build({
    entryPoints: ['src/vscode/extension.ts'],
    bundle: true,
    outfile: 'dist/extension.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));

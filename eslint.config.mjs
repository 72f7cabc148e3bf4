// Lint: TypeScript rules, and the engine boundary (src/core imports neither vscode nor fs).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/host/**', 'bench/.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The engine must not depend on VS Code: put adapters in src/vscode/.' },
            { name: 'fs', message: 'The engine does no file-system access: load files in src/node/.' },
            { name: 'fs/promises', message: 'The engine does no file-system access: load files in src/node/.' },
            { name: 'path', message: 'The engine works on text, not paths: resolve files in src/node/.' },
            { name: 'child_process', message: 'The engine runs no processes.' },
          ],
          patterns: [{ group: ['node:*', '../node/*', '../vscode/*', '../cli/*', '../../node/*', '../../vscode/*', '../../cli/*'], message: 'The engine imports only engine modules and pure libraries.' }],
        },
      ],
    },
  },
);

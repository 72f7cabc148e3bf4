// Renders findings as text, JSON or SARIF 2.1.0.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES } from '../core/rules';
import type { Finding, RuleId, Severity } from '../core/types';

export interface FileFinding {
  /** Path as shown to the user (relative to the working directory when inside it). */
  file: string;
  finding: Finding;
}

export type OutputFormat = 'text' | 'json' | 'sarif';

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

export function formatText(results: FileFinding[]): string {
  return results
    .map(({ file, finding: f }) => {
      const hint = f.suggestions?.length ? ` [${f.suggestions.slice(0, 3).join(' | ')}]` : '';
      return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule} ${f.message}${hint}\n`;
    })
    .join('');
}

export function toJsonFinding({ file, finding: f }: FileFinding) {
  return {
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    suggestions: f.suggestions ?? [],
  };
}

export function formatJson(results: FileFinding[]): string {
  return JSON.stringify({ findings: results.map(toJsonFinding) }) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function formatSarif(results: FileFinding[], version: string): string {
  const ruleIds = [...new Set(results.map((r) => r.finding.rule))].sort() as RuleId[];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'MedWrite',
            informationUri: 'https://github.com/medwrite/medwrite',
            version,
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: RULES[id].summary },
              defaultConfiguration: { level: SARIF_LEVEL[RULES[id].defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.map(({ file, finding: f }) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.suggestions?.length ? `${f.message} Suggestions: ${f.suggestions.join(', ')}.` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: path.isAbsolute(file)
                  ? { uri: pathToFileURL(file).href }
                  : { uri: encodeURI(file.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

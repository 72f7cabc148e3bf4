import type { CslItem } from './data';

// Shared engine types. The engine never imports `vscode` or `fs`: it takes text and
// returns findings with its own 0-based {line, character} ranges (UTF-16 code units,
// the same unit VS Code uses), so the CLI and the editor always agree.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable rule ids, shared by diagnostics (their `code`) and code actions. */
export type RuleId =
  | 'typo'
  | 'preferred-form'
  | 'unknown-word'
  | 'uncited-claim'
  | 'unsupported-citation'
  | 'unknown-citation'
  | 'overclaim'
  | 'claim-mismatch'
  | 'data-error';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** What a quick fix does, so adapters can wire side effects (word lists, ignores). */
export type FixKind = 'edit' | 'add-word' | 'ignore-in-document';

export interface Fix {
  title: string;
  kind: FixKind;
  /** Edits to the checked document (empty for add-word / ignore fixes). */
  edits: TextEdit[];
  isPreferred?: boolean;
  /** For add-word and ignore fixes: the word concerned. */
  word?: string;
}

export interface RelatedInfo {
  message: string;
  /** Data file (e.g. glossary/claims.yaml) and 1-based line, when known. */
  file?: string;
  line?: number;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  range: Range;
  message: string;
  /** Replacement texts, best first (for the CLI's `suggestions` field). */
  suggestions?: string[];
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Short explanation shown on hover (e.g. which words matched which claim). */
  explanation?: string;
}

/** Where a data entry came from: a source document and a 1-based line. */
export interface Provenance {
  file: string;
  line: number;
}

export type LanguageId = 'markdown' | 'plaintext' | 'latex' | 'quarto' | string;

export interface TextDocumentLike {
  uri: string;
  languageId: LanguageId;
  text: string;
  version?: number;
  /** References of the document's own bibliographies (front matter), loaded by the caller. */
  references?: CslItem[];
}

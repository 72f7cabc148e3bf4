// The shape of the data MedWrite loads: glossary terms, the claim base and references.
// The YAML files in glossary/ follow these shapes; glossary/schema/*.json validates them.
import type { Provenance } from './types';
import type { Vocabulary } from './typos/vocabulary';

export type TermKind = 'term' | 'abbreviation' | 'entity' | 'organisation' | 'person' | 'drug' | 'disease' | 'cell' | 'molecule' | 'process' | 'therapy';

export interface Term {
  /** Stable id, lower-case kebab case of the preferred form: `il-2`, `sle`, `treg`. */
  id: string;
  /** The form the writer should use: `IL-2`. */
  preferred: string;
  /** Spelled-out name: `interleukin-2`. */
  fullName?: string;
  /** Abbreviations that stand for the term (accepted as they are): `SLE`. */
  abbreviations?: string[];
  /** Other accepted spellings that are fine to use (plurals, the full name's variants). */
  variants?: string[];
  /** Spellings that should be replaced by the preferred form (`IL2` -> `IL-2`). */
  discouraged?: string[];
  definition: string;
  related?: string[];
  kind?: TermKind;
  provenance: Provenance[];
}

export type EvidenceKind =
  | 'randomised-trial'
  | 'phase-1-2-trial'
  | 'clinical-study'
  | 'review'
  | 'mouse-model'
  | 'preclinical'
  | 'news-report'
  | 'patient-information'
  | 'epidemiology'
  | 'regulatory';

export interface ClaimQuantity {
  /** The number the claim base holds, in plain units (1.5 million = 1500000). */
  value: number;
  /** How the base states it: `>=` for "at least", `=` for "about", ... */
  comparator: '>=' | '<=' | '=' | '>' | '<' | 'range';
  /** Upper bound for `range`. */
  max?: number;
  /** What is counted: "Americans with lupus". */
  unit: string;
}

export interface Claim {
  id: string;
  /** The claim in plain words (our own). */
  statement: string;
  /**
   * Concept groups the sentence must name, as glossary term ids. Each inner list holds
   * alternatives; every group must be matched. `[[il-2], [sle]]`.
   */
  concepts: string[][];
  /**
   * Cue groups (word stems or short phrases) that make a sentence assert the claim.
   * Each inner list holds alternatives; every group must be matched.
   */
  cues: string[][];
  /** Reference keys (in references.yaml) that support the claim. */
  references: string[];
  evidence: { kind: EvidenceKind; note?: string };
  quantity?: ClaimQuantity;
  provenance: Provenance[];
}

/** A CSL-JSON item (the subset we read; other fields are kept as they are). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  issued?: { 'date-parts'?: (number | string)[][]; literal?: string };
  DOI?: string;
  URL?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  [field: string]: unknown;
}

/** Where an entry was loaded from, to point diagnostics and related info at it. */
export interface SourceLocation {
  file: string;
  /** 1-based line of the entry in its file. */
  line: number;
}

export interface MedwriteData {
  terms: Term[];
  claims: Claim[];
  references: CslItem[];
  /** Words the workspace accepts (from .medwrite/words.txt and settings). */
  words: string[];
  /** Where each entry was defined, keyed `term:<id>`, `claim:<id>`, `ref:<key>`. */
  locations: Map<string, SourceLocation>;
  /** The big word list for the typo rule (src/node/vocabulary.ts loads it); the rule is silent without it. */
  vocabulary?: Vocabulary;
}

export function emptyData(): MedwriteData {
  return { terms: [], claims: [], references: [], words: [], locations: new Map() };
}

// One table of the rules: id, what it checks, default severity. The SARIF output, the
// README and the settings all describe rules from here.
import type { RuleId, Severity } from './types';

export interface RuleInfo {
  id: RuleId;
  summary: string;
  defaultSeverity: Severity;
}

export const RULES: Record<RuleId, RuleInfo> = {
  typo: { id: 'typo', summary: 'A word that is not known but is close to a known word (likely misspelling).', defaultSeverity: 'warning' },
  'preferred-form': { id: 'preferred-form', summary: 'A glossary term written in a form other than its preferred one.', defaultSeverity: 'warning' },
  'unknown-word': { id: 'unknown-word', summary: 'A word close to nothing known (off by default; for strict reviews).', defaultSeverity: 'information' },
  'uncited-claim': { id: 'uncited-claim', summary: 'A sentence asserts a claim of the claim base without a citation.', defaultSeverity: 'warning' },
  'unsupported-citation': { id: 'unsupported-citation', summary: 'A claim is cited, but none of the cited references supports it.', defaultSeverity: 'warning' },
  'unknown-citation': { id: 'unknown-citation', summary: 'A citation key that is in no loaded bibliography.', defaultSeverity: 'error' },
  overclaim: { id: 'overclaim', summary: 'Wording stronger than the evidence behind the claim.', defaultSeverity: 'warning' },
  'claim-mismatch': { id: 'claim-mismatch', summary: 'A number that the claim base contradicts.', defaultSeverity: 'error' },
  'data-error': { id: 'data-error', summary: 'A glossary, claim base or bibliography file that cannot be used as it is.', defaultSeverity: 'error' },
};

/** The rules of each checker (the engine skips a checker whose rules are all off). */
export const TYPO_RULES: readonly RuleId[] = ['typo', 'unknown-word'];
export const PREFERRED_FORM_RULES: readonly RuleId[] = ['preferred-form'];
export const CLAIM_RULES: readonly RuleId[] = ['uncited-claim', 'unsupported-citation', 'unknown-citation', 'overclaim', 'claim-mismatch'];

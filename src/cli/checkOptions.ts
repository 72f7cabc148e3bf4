// The options of `medwrite check` and the engine settings they give. A light module: the
// entry point reads them too, to start reading the word list before the command loads.
import { parseArgs } from './args';
import { UsageError } from './io';
import { RULES, TYPO_RULES } from '../core/rules';
import type { EngineSettings } from '../core/engine';
import type { RuleId } from '../core/types';

export const CHECK_OPTIONS = { format: 'string', glossary: 'strings', rules: 'string', timing: 'boolean' } as const;

/** Engine settings that run only the listed rules (comma-separated ids; `unknown-word` is turned on when listed). */
export function onlyRules(list: string): EngineSettings {
  const wanted = list.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = wanted.filter((r) => !(r in RULES) || r === 'data-error');
  const known = (Object.keys(RULES) as RuleId[]).filter((r) => r !== 'data-error');
  if (!wanted.length || unknown.length) throw new UsageError(`unknown rule${unknown.length === 1 ? '' : 's'} '${unknown.join(', ')}' (rules: ${known.join(', ')})`);
  return { rules: Object.fromEntries(known.map((r) => [r, { enabled: wanted.includes(r) }])) };
}

/** The engine settings of `check`'s `--rules` (none: every rule). */
export function checkSettings(rules: unknown): EngineSettings {
  return typeof rules === 'string' ? onlyRules(rules) : {};
}

/** True when a typo rule runs with these settings: only they need the 42 MB word list. */
export function readsVocabulary(settings: EngineSettings): boolean {
  return TYPO_RULES.some((r) => settings.rules?.[r]?.enabled !== false);
}

/** Whether `check` with these arguments reads the word list (true for arguments it will turn down: it reports them). */
export function checkReadsVocabulary(args: string[]): boolean {
  try {
    return readsVocabulary(checkSettings(parseArgs(args, CHECK_OPTIONS).values.rules));
  } catch {
    return true;
  }
}

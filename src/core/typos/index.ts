// Typo and terminology checks: the `typo`, `unknown-word` and `preferred-form` rules.
export { TypoChecker, createTypoChecker, languagesMask, atSentenceStart } from './checker';
export type { LineFinding, TypoCheckerOptions } from './checker';
export { PreferredFormChecker, createPreferredFormChecker } from './preferredForm';
export { TypoLexicon, NOMENCLATURE_WORDS } from './lexicon';
export type { WordVerdict, Suggestion, LexiconOptions } from './lexicon';
export { tokenize, normalizeWord, caseShape, matchCase } from './tokenize';
export type { WordToken, WordPart, CaseShape } from './tokenize';
export { knownByMorphology, varietyVariants } from './morphology';
export { boundedDistance } from './distance';
export { isProbablyBinary } from './binary';
export {
  CompactVocabulary,
  buildVocabularyArrays,
  vocabularyFromWords,
  addEntry,
  serializeVocabulary,
  deserializeVocabulary,
  LANG_US,
  LANG_GB,
  LANG_ALL,
  CLASS_GLOSSARY,
  CLASS_LARGE,
  CLASS_TECHNICAL,
} from './vocabulary';
export type { Vocabulary, VocabularyArrays, VocabularyEntry, Candidate } from './vocabulary';

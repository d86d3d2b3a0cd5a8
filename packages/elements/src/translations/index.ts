export type { Translation, PartialTranslation, CommonMessages, ErrorMessages, BoardMessages } from './types.js';
export { en } from './en.js';
export { registerTranslation, registerTranslationLoader, loadTranslation, getTranslation, availableLanguages } from './registry.js';
export type { TranslationLoader } from './registry.js';
export { describeError, issueKey } from './error-messages.js';
export type { LocalizedError, DescribeErrorOptions } from './error-messages.js';

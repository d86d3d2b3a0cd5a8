export type { Translation, PartialTranslation, CommonMessages, ErrorMessages, BoardMessages } from './types.js';
export { en } from './en.js';
export { es } from './es.js';
export { registerTranslation, getTranslation, availableLanguages } from './registry.js';
export { describeError, issueKey } from './error-messages.js';
export type { LocalizedError, DescribeErrorOptions } from './error-messages.js';

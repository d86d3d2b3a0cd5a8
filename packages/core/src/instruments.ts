/**
 * The questionnaires casekit ships, as data: the social-needs intake and PHQ-9. `createCaseManager` does
 * not need this entry point — it loads each instrument on first use (`assessments.loadDefinition`) — so
 * import it only to read or extend a definition yourself; everything here lands in your bundle.
 * @packageDocumentation
 */
export { PHQ9, PHQ9_ITEM_IDS } from './questionnaire/instruments/phq9.js';
export { SOCIAL_NEEDS_INTAKE } from './questionnaire/instruments/social-needs-intake.js';
export { getInstrument, INSTRUMENTS } from './questionnaire/instruments/all.js';

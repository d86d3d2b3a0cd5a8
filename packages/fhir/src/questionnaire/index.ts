/**
 * SDC Questionnaires in and out of casekit: R4 Questionnaire <-> QuestionnaireDefinition (with a mapping
 * report), definition-shaped QuestionnaireResponses, and a FHIRPath ExpressionEngine for SDC expressions.
 */
export { fromFhirQuestionnaire } from './from-questionnaire.js';
export type { FromQuestionnaireOptions } from './from-questionnaire.js';
export { toFhirQuestionnaire } from './to-questionnaire.js';
export { fromFhirQuestionnaireResponse, toFhirQuestionnaireResponse } from './response.js';
export type { ResponseSource, ToResponseOptions } from './response.js';
export { createFhirPathEngine } from './fhirpath-engine.js';
export type { FhirPathEngineOptions } from './fhirpath-engine.js';
export { expandValueSet, valueSetUrls } from './value-sets.js';
export type { ValueSetResolver, ValueSetSource } from './value-sets.js';
export { DEFINITION_ID_SYSTEM, ITEM_EXTENSION, RULES_EXTENSION } from './sdc-extensions.js';

/**
 * Extension URLs of FHIR R4 core and the SDC IG that casekit maps to definition fields. Anything else is
 * kept verbatim on the definition (`extension`) and listed in the mapping report.
 */
import { casekitExtension } from '../extensions.js';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const SDC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/';

export const EXT = {
  itemControl: `${CORE}questionnaire-itemControl`,
  hidden: `${CORE}questionnaire-hidden`,
  unit: `${CORE}questionnaire-unit`,
  unitOption: `${CORE}questionnaire-unitOption`,
  minValue: `${CORE}minValue`,
  maxValue: `${CORE}maxValue`,
  minLength: `${CORE}minLength`,
  regex: `${CORE}regex`,
  entryFormat: `${CORE}entryFormat`,
  minOccurs: `${CORE}questionnaire-minOccurs`,
  maxOccurs: `${CORE}questionnaire-maxOccurs`,
  optionExclusive: `${CORE}questionnaire-optionExclusive`,
  optionPrefix: `${CORE}questionnaire-optionPrefix`,
  ordinalValue: `${CORE}ordinalValue`,
  itemWeight: `${CORE}itemWeight`,
  iso21090CoValue: `${CORE}iso21090-CO-value`,
  valueSetOrdinalValue: `${CORE}valueset-ordinalValue`,
  translation: `${CORE}translation`,
  variable: `${CORE}variable`,
  referenceResource: `${CORE}questionnaire-referenceResource`,
  mimeType: `${CORE}mimeType`,
  maxSize: `${CORE}maxSize`,
  calculatedExpression: `${SDC}sdc-questionnaire-calculatedExpression`,
  enableWhenExpression: `${SDC}sdc-questionnaire-enableWhenExpression`,
  initialExpression: `${SDC}sdc-questionnaire-initialExpression`,
  /** The pre-SDC-2.7 URL some published forms (LHC-Forms among them) still use. */
  initialExpressionCore: `${CORE}questionnaire-initialExpression`,
  answerExpression: `${SDC}sdc-questionnaire-answerExpression`,
} as const;

/** Scores on options and value-set concepts, in order of preference. */
export const SCORE_EXTENSIONS: readonly string[] = [EXT.ordinalValue, EXT.itemWeight, EXT.iso21090CoValue, EXT.valueSetOrdinalValue];

/** Extensions casekit knows it does not support, with the reason given in the report. */
export const UNSUPPORTED: Readonly<Record<string, string>> = {
  [`${SDC}sdc-questionnaire-sourceQueries`]: 'SDC prepopulation (sourceQueries) needs a FHIR server; kept, not run',
  [`${SDC}sdc-questionnaire-launchContext`]: 'SDC launch context (e.g. %patient) is not provided by casekit; kept, expressions using it evaluate to empty',
  [`${CORE}questionnaire-launchContext`]: 'SDC launch context (e.g. %patient) is not provided by casekit; kept, expressions using it evaluate to empty',
  [`${SDC}sdc-questionnaire-itemPopulationContext`]: 'SDC prepopulation context is not supported; kept, not run',
  [`${SDC}sdc-questionnaire-itemExtractionContext`]: 'SDC definition-based extraction is not supported; kept',
  [`${SDC}sdc-questionnaire-targetStructureMap`]: 'SDC StructureMap extraction is not supported; kept',
  [`${SDC}sdc-questionnaire-observationExtract`]: 'SDC observation-based extraction is not supported; kept',
  [`${SDC}sdc-questionnaire-observationLinkPeriod`]: 'SDC observation-based prepopulation is not supported; kept',
  [`${SDC}sdc-questionnaire-candidateExpression`]: 'SDC candidateExpression is not supported; kept',
  [`${SDC}sdc-questionnaire-contextExpression`]: 'SDC contextExpression is not supported; kept',
};

/** casekit-only definition parts (scoring, flags, need rules) ride in one extension as JSON. */
export const RULES_EXTENSION = casekitExtension('questionnaire-rules');
/** casekit-only item fields (helpText, patternHint, extract) ride in one extension as JSON. */
export const ITEM_EXTENSION = casekitExtension('questionnaire-item');
/** The casekit definition id, when it is not a valid FHIR id (Questionnaire.identifier system). */
export const DEFINITION_ID_SYSTEM = casekitExtension('questionnaire-id');

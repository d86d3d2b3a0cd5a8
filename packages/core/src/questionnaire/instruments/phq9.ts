import type { ChoiceItem, Condition, Option, QuestionnaireDefinition } from '../questionnaire-schema.js';
import { deepFreeze } from '../deep-freeze.js';

/*
 * PHQ-9 (Patient Health Questionnaire-9), developed by Drs. Robert L. Spitzer, Janet B.W. Williams,
 * Kurt Kroenke and colleagues with an educational grant from Pfizer Inc. No permission is required to
 * reproduce, translate, display or distribute it. Standard English wording; the Spanish is the widely
 * used Spanish (US) version. LOINC codes let a FHIR export use the LOINC PHQ-9 panel (44249-1).
 * Scoring: total 0-27 (requires all nine items), severity bands per Kroenke et al. 2001. Item 9 above
 * 0 raises the `suicide-risk` flag, whatever the total: a host must show it at once. A moderately
 * severe total (15-19) raises the case's risk to moderate and a severe one (20-27) to high, with or
 * without that flag (Kroenke et al.: 20+ calls for immediate treatment).
 */

const LOINC = 'http://loinc.org';

const FREQUENCY: Option[] = [
  { code: '0', display: { en: 'Not at all', es: 'Ningún día' }, score: 0 },
  { code: '1', display: { en: 'Several days', es: 'Varios días' }, score: 1 },
  { code: '2', display: { en: 'More than half the days', es: 'Más de la mitad de los días' }, score: 2 },
  { code: '3', display: { en: 'Nearly every day', es: 'Casi todos los días' }, score: 3 },
];

const QUESTIONS: [loinc: string, en: string, es: string][] = [
  ['44250-9', 'Little interest or pleasure in doing things', 'Poco interés o placer en hacer cosas'],
  ['44255-8', 'Feeling down, depressed, or hopeless', 'Se ha sentido decaído(a), deprimido(a) o sin esperanzas'],
  [
    '44259-0',
    'Trouble falling or staying asleep, or sleeping too much',
    'Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado',
  ],
  ['44254-1', 'Feeling tired or having little energy', 'Se ha sentido cansado(a) o con poca energía'],
  ['44251-7', 'Poor appetite or overeating', 'Sin apetito o ha comido en exceso'],
  [
    '44258-2',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Se ha sentido mal con usted mismo(a) — o que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia',
  ],
  [
    '44252-5',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión',
  ],
  [
    '44253-3',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    '¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario — muy inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal',
  ],
  [
    '44260-8',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
    'Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera',
  ],
];

/** linkIds of the nine scored items: `phq9-1` ... `phq9-9`. */
export const PHQ9_ITEM_IDS = /* @__PURE__ */ QUESTIONS.map((_, i) => `phq9-${i + 1}`);

const scoredItems: ChoiceItem[] = /* @__PURE__ */ QUESTIONS.map(([loinc, en, es], i) => ({
  linkId: `phq9-${i + 1}`,
  type: 'choice',
  text: { en, es },
  required: true,
  code: [{ system: LOINC, code: loinc }],
  options: FREQUENCY,
}));

/** The difficulty question is asked only once some problem was reported (as on the paper form). */
const anyProblem: Condition[] = /* @__PURE__ */ PHQ9_ITEM_IDS.map((question) => ({ question, operator: '>', answer: 0 }));

// Pure: a bundler drops this module when nothing uses it (the manager loads it on demand).
export const PHQ9: QuestionnaireDefinition = /* @__PURE__ */ deepFreeze({
  id: 'phq-9',
  version: '1.0.0',
  title: { en: 'PHQ-9 — Patient Health Questionnaire', es: 'PHQ-9 — Cuestionario sobre la salud del paciente' },
  description: {
    en: 'A nine-item depression screen. Scores 0–27; item 9 asks about thoughts of death or self-harm.',
    es: 'Un cuestionario de nueve preguntas para detectar depresión. Puntaje de 0 a 27; la pregunta 9 trata de pensamientos de muerte o de hacerse daño.',
  },
  language: 'en',
  code: [{ system: LOINC, code: '44249-1', display: 'PHQ-9 quick depression assessment panel' }],
  items: [
    {
      linkId: 'phq9-intro',
      type: 'display',
      text: {
        en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
        es: 'Durante las últimas 2 semanas, ¿qué tan seguido le han molestado los siguientes problemas?',
      },
    },
    ...scoredItems,
    {
      linkId: 'phq9-difficulty',
      type: 'choice',
      text: {
        en: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
        es: 'Si marcó cualquiera de los problemas, ¿qué tanta dificultad le han dado estos problemas para hacer su trabajo, encargarse de las tareas del hogar, o llevarse bien con otras personas?',
      },
      code: [{ system: LOINC, code: '69722-7' }],
      enableWhen: anyProblem,
      enableBehavior: 'any',
      options: [
        { code: 'not-difficult', display: { en: 'Not difficult at all', es: 'No ha sido difícil' } },
        { code: 'somewhat-difficult', display: { en: 'Somewhat difficult', es: 'Un poco difícil' } },
        { code: 'very-difficult', display: { en: 'Very difficult', es: 'Muy difícil' } },
        { code: 'extremely-difficult', display: { en: 'Extremely difficult', es: 'Extremadamente difícil' } },
      ],
    },
  ],
  scoring: [
    {
      id: 'phq9-total',
      label: { en: 'PHQ-9 total score', es: 'Puntaje total del PHQ-9' },
      items: PHQ9_ITEM_IDS,
      method: 'sum',
      requiresAll: true,
      code: [{ system: LOINC, code: '44261-6' }],
      bands: [
        { min: 0, max: 4, code: 'none-minimal', label: { en: 'None–minimal', es: 'Ninguna o mínima' } },
        { min: 5, max: 9, code: 'mild', label: { en: 'Mild', es: 'Leve' } },
        { min: 10, max: 14, code: 'moderate', label: { en: 'Moderate', es: 'Moderada' } },
        { min: 15, max: 19, code: 'moderately-severe', label: { en: 'Moderately severe', es: 'Moderadamente grave' }, raisesRisk: 'moderate' },
        { min: 20, max: 27, code: 'severe', label: { en: 'Severe', es: 'Grave' }, raisesRisk: 'high' },
      ],
    },
  ],
  flags: [
    {
      id: 'suicide-risk',
      label: {
        en: 'Reported thoughts of being better off dead or of self-harm (PHQ-9 item 9). Assess safety now.',
        es: 'Reportó pensamientos de que estaría mejor muerto(a) o de hacerse daño (pregunta 9 del PHQ-9). Evalúe la seguridad ahora.',
      },
      severity: 'critical',
      when: [{ question: 'phq9-9', operator: '>', answer: 0 }],
    },
  ],
  needRules: [
    // Moderate depression or worse, or any thoughts of self-harm, is a mental-health need to plan for.
    { domain: 'mental-health', when: [{ score: 'phq9-total', operator: '>=', answer: 10 }, { question: 'phq9-9', operator: '>', answer: 0 }] },
  ],
});

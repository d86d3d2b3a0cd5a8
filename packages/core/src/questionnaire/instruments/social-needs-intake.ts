import type { Item, Option, QuestionnaireDefinition } from '../questionnaire-schema.js';
import { deepFreeze } from '../deep-freeze.js';

/*
 * casekit's general social-needs intake. Written by the casekit project (Apache-2.0): the questions are
 * our own, not PRAPARE, AHC HRSN or another copyrighted screener. It covers what an intake needs
 * (language, interpreter, household) and then one section per need domain; `needRules` derive the
 * identified need domains, and `flags` mark what a case manager must act on today.
 */

// Built inside a function marked pure, so a bundler drops the whole module when nothing uses it (the
// manager loads it on demand): its helper calls at the top level would otherwise count as side effects.
function socialNeedsIntake(): QuestionnaireDefinition {
const t = (en: string, es: string) => ({ en, es });
const option = (code: string, en: string, es: string, extra: Partial<Option> = {}): Option => ({ code, display: t(en, es), ...extra });
const YES_NO_UNSURE = [option('yes', 'Yes', 'Sí'), option('no', 'No', 'No'), option('not-sure', 'Not sure', 'No estoy seguro(a)')];

const about: Item = {
  linkId: 'about',
  type: 'group',
  text: t('About you and your household', 'Sobre usted y su hogar'),
  items: [
    {
      linkId: 'preferred-language',
      type: 'choice',
      required: true,
      extract: 'client.language',
      text: t('What language do you prefer to speak?', '¿En qué idioma prefiere hablar?'),
      // Codes are BCP 47 tags, so they map straight onto FHIR Patient.communication.language.
      options: [
        option('en', 'English', 'Inglés'),
        option('es', 'Spanish', 'Español'),
        option('zh', 'Chinese', 'Chino'),
        option('vi', 'Vietnamese', 'Vietnamita'),
        option('ar', 'Arabic', 'Árabe'),
        option('tl', 'Tagalog', 'Tagalo'),
        option('ht', 'Haitian Creole', 'Criollo haitiano'),
        option('ru', 'Russian', 'Ruso'),
        option('ko', 'Korean', 'Coreano'),
        option('so', 'Somali', 'Somalí'),
        option('other', 'Another language', 'Otro idioma'),
      ],
    },
    {
      linkId: 'preferred-language-other',
      type: 'string',
      required: true,
      maxLength: 80,
      text: t('Which language?', '¿Qué idioma?'),
      enableWhen: [{ question: 'preferred-language', operator: '=', answer: 'other' }],
    },
    {
      linkId: 'interpreter-needed',
      type: 'boolean',
      required: true,
      extract: 'client.interpreterNeeded',
      text: t('Would you like an interpreter when we talk or meet?', '¿Quiere un intérprete cuando hablemos o nos reunamos?'),
    },
    {
      linkId: 'lives-with-others',
      type: 'boolean',
      required: true,
      text: t('Does anyone else live with you?', '¿Vive alguien más con usted?'),
    },
    {
      linkId: 'household',
      type: 'group',
      repeats: true,
      required: true,
      maxRepeats: 20,
      text: t('Who lives with you?', '¿Quién vive con usted?'),
      helpText: t('Add one entry for each person.', 'Agregue una entrada por cada persona.'),
      enableWhen: [{ question: 'lives-with-others', operator: '=', answer: true }],
      items: [
        {
          linkId: 'member-name',
          type: 'string',
          required: true,
          maxLength: 100,
          text: t('First name or initials', 'Nombre o iniciales'),
        },
        {
          linkId: 'member-relationship',
          type: 'choice',
          required: true,
          text: t('How is this person related to you?', '¿Qué relación tiene esta persona con usted?'),
          options: [
            option('partner', 'Spouse or partner', 'Esposo(a) o pareja'),
            option('child', 'Child', 'Hijo(a)'),
            option('grandchild', 'Grandchild', 'Nieto(a)'),
            option('parent', 'Parent', 'Padre o madre'),
            option('grandparent', 'Grandparent', 'Abuelo(a)'),
            option('sibling', 'Brother or sister', 'Hermano(a)'),
            option('other-relative', 'Other relative', 'Otro familiar'),
            option('friend', 'Friend or roommate', 'Amigo(a) o compañero(a) de casa'),
            option('other', 'Other', 'Otra'),
          ],
        },
        { linkId: 'member-age', type: 'integer', min: 0, max: 120, text: t('Age', 'Edad') },
        {
          linkId: 'member-in-school',
          type: 'boolean',
          text: t('Is this person enrolled in school?', '¿Está esta persona inscrita en la escuela?'),
          // Refers to the age in the same household entry (sibling in the instance).
          enableWhen: [
            { question: 'member-age', operator: '>=', answer: 5 },
            { question: 'member-age', operator: '<=', answer: 18 },
          ],
          enableBehavior: 'all',
        },
      ],
    },
  ],
};

const housing: Item = {
  linkId: 'housing',
  type: 'group',
  text: t('Housing', 'Vivienda'),
  items: [
    {
      linkId: 'housing-situation',
      type: 'choice',
      required: true,
      text: t('Which best describes where you live now?', '¿Qué describe mejor dónde vive ahora?'),
      options: [
        option('stable', 'I have a steady place to live', 'Tengo un lugar fijo donde vivir'),
        option('at-risk', 'I have a place now, but I am worried about losing it', 'Tengo un lugar ahora, pero me preocupa perderlo'),
        option(
          'temporary',
          'I am staying with others, in a motel, or somewhere temporary',
          'Me estoy quedando con otras personas, en un motel o en un lugar temporal',
        ),
        option('homeless', 'I do not have a place to live', 'No tengo un lugar donde vivir'),
      ],
    },
    {
      linkId: 'housing-tonight',
      type: 'choice',
      required: true,
      text: t('Where are you staying tonight?', '¿Dónde va a pasar la noche hoy?'),
      enableWhen: [
        { question: 'housing-situation', operator: '=', answer: 'temporary' },
        { question: 'housing-situation', operator: '=', answer: 'homeless' },
      ],
      enableBehavior: 'any',
      options: [
        option('friends-family', 'With friends or family', 'Con amigos o familiares'),
        option('motel', 'Motel or hotel', 'Motel u hotel'),
        option('shelter', 'A shelter', 'Un albergue'),
        option('vehicle', 'A car or other vehicle', 'Un carro u otro vehículo'),
        option('outside', 'Outside, or somewhere not meant for sleeping', 'Afuera, o en un lugar que no es para dormir'),
        option('unknown', 'I do not know yet', 'Todavía no sé'),
      ],
    },
    {
      linkId: 'housing-problems',
      type: 'multi-choice',
      text: t('Does your home have any of these problems?', '¿Tiene su vivienda alguno de estos problemas?'),
      enableWhen: [
        { question: 'housing-situation', operator: '=', answer: 'stable' },
        { question: 'housing-situation', operator: '=', answer: 'at-risk' },
      ],
      enableBehavior: 'any',
      options: [
        option('pests', 'Mice, rats, roaches or bedbugs', 'Ratones, ratas, cucarachas o chinches'),
        option('mold', 'Mold or water leaks', 'Moho o goteras'),
        option('no-heat', 'No heat or broken heating', 'Sin calefacción o calefacción dañada'),
        option('plumbing', 'Broken plumbing, stove or refrigerator', 'Plomería, estufa o refrigerador dañados'),
        option('lead', 'Peeling paint in an older building (possible lead)', 'Pintura descascarada en un edificio viejo (posible plomo)'),
        option('crowded', 'Too many people for the space', 'Demasiadas personas para el espacio'),
        option('none', 'None of these', 'Ninguno de estos', { exclusive: true }),
      ],
    },
  ],
};

const food: Item = {
  linkId: 'food',
  type: 'group',
  text: t('Food', 'Alimentación'),
  items: [
    {
      linkId: 'food-ran-out',
      type: 'choice',
      required: true,
      text: t(
        'In the last 12 months, how often did your household run out of food with no money to buy more?',
        'En los últimos 12 meses, ¿con qué frecuencia se quedó su hogar sin comida y sin dinero para comprar más?',
      ),
      options: [option('often', 'Often', 'Con frecuencia'), option('sometimes', 'Sometimes', 'A veces'), option('never', 'Never', 'Nunca')],
    },
    {
      linkId: 'food-skipped-meals',
      type: 'boolean',
      text: t(
        'In the last 12 months, did anyone in your household skip meals or eat less because money was short?',
        'En los últimos 12 meses, ¿alguien en su hogar dejó de comer o comió menos porque no alcanzaba el dinero?',
      ),
    },
    {
      linkId: 'food-benefits',
      type: 'choice',
      text: t('Do you get food benefits now (for example SNAP or WIC)?', '¿Recibe ahora beneficios de alimentos (por ejemplo SNAP o WIC)?'),
      options: [
        option('yes', 'Yes', 'Sí'),
        option('applied', 'I have applied', 'Ya hice la solicitud'),
        option('no', 'No', 'No'),
        option('not-sure', 'Not sure', 'No estoy seguro(a)'),
      ],
    },
  ],
};

const transportation: Item = {
  linkId: 'transportation',
  type: 'group',
  text: t('Getting around', 'Transporte'),
  items: [
    {
      linkId: 'transport-missed',
      type: 'boolean',
      required: true,
      text: t(
        'In the last 12 months, did you miss a medical visit, work, or errands because you had no way to get there?',
        'En los últimos 12 meses, ¿faltó a una cita médica, al trabajo o a hacer mandados porque no tenía cómo llegar?',
      ),
    },
    {
      linkId: 'transport-usual',
      type: 'choice',
      text: t('How do you usually get around?', '¿Cómo se transporta normalmente?'),
      options: [
        option('own-vehicle', 'My own car or vehicle', 'Mi propio carro o vehículo'),
        option('rides', 'Rides from others', 'Alguien me lleva'),
        option('public-transit', 'Bus, train or other public transit', 'Autobús, tren u otro transporte público'),
        option('walk-bike', 'Walking or bicycle', 'A pie o en bicicleta'),
        option('other', 'Other', 'Otro'),
      ],
    },
  ],
};

const utilities: Item = {
  linkId: 'utilities',
  type: 'group',
  text: t('Utilities and phone', 'Servicios y teléfono'),
  items: [
    {
      linkId: 'utilities-shutoff',
      type: 'choice',
      required: true,
      text: t(
        'In the last 12 months, was your electricity, gas, water or heat shut off, or were you told it would be?',
        'En los últimos 12 meses, ¿le cortaron la luz, el gas, el agua o la calefacción, o le avisaron que se la iban a cortar?',
      ),
      options: [
        option('shut-off', 'Yes, it was shut off', 'Sí, me la cortaron'),
        option('threatened', 'Yes, I was told it would be', 'Sí, me avisaron que la iban a cortar'),
        option('no', 'No', 'No'),
      ],
    },
    {
      linkId: 'utilities-phone',
      type: 'boolean',
      text: t('Do you have a working phone with minutes or data to reach us?', '¿Tiene un teléfono que funcione, con minutos o datos, para comunicarse con nosotros?'),
    },
  ],
};

const safety: Item = {
  linkId: 'safety',
  type: 'group',
  text: t('Safety', 'Seguridad'),
  items: [
    { linkId: 'safety-home', type: 'boolean', required: true, text: t('Do you feel safe where you live now?', '¿Se siente seguro(a) donde vive ahora?') },
    {
      linkId: 'safety-afraid',
      type: 'boolean',
      required: true,
      text: t('Is anyone in your life hurting you, threatening you, or making you afraid?', '¿Hay alguien en su vida que le haga daño, le amenace o le dé miedo?'),
    },
    {
      linkId: 'safety-can-talk',
      type: 'boolean',
      text: t('Is it safe for you to talk about this right now?', '¿Es seguro para usted hablar de esto ahora mismo?'),
      helpText: t(
        'If not, agree on a safe time and way to reach the client before going on.',
        'Si no, acuerde un momento y una forma segura de comunicarse antes de seguir.',
      ),
      enableWhen: [{ question: 'safety-afraid', operator: '=', answer: true }],
    },
  ],
};

const moneyAndWork: Item = {
  linkId: 'money-work',
  type: 'group',
  text: t('Money and work', 'Dinero y trabajo'),
  items: [
    {
      linkId: 'finances-basic-costs',
      type: 'choice',
      required: true,
      text: t(
        'In a typical month, how easy or hard is it to cover rent, food and bills?',
        'En un mes normal, ¿qué tan fácil o difícil es cubrir la renta, la comida y las cuentas?',
      ),
      options: [
        option('easy', 'Easy', 'Fácil'),
        option('somewhat-hard', 'Somewhat hard', 'Algo difícil'),
        option('very-hard', 'Very hard', 'Muy difícil'),
      ],
    },
    {
      linkId: 'employment-status',
      type: 'choice',
      text: t('Which best describes your work right now?', '¿Qué describe mejor su trabajo en este momento?'),
      options: [
        option('full-time', 'Working full time', 'Trabajo tiempo completo'),
        option('part-time', 'Working part time or irregular hours', 'Trabajo medio tiempo u horas irregulares'),
        option('looking', 'Not working, looking for work', 'No trabajo y estoy buscando trabajo'),
        option('not-looking', 'Not working, not looking', 'No trabajo y no estoy buscando'),
        option('unable', 'Unable to work (health or disability)', 'No puedo trabajar (salud o discapacidad)'),
        option('caregiver', 'Caring for family full time', 'Cuido de mi familia tiempo completo'),
        option('student', 'Student', 'Estudiante'),
        option('retired', 'Retired', 'Jubilado(a)'),
      ],
    },
    {
      linkId: 'employment-help',
      type: 'boolean',
      text: t('Would you like help finding work or a better job?', '¿Quiere ayuda para encontrar trabajo o un mejor trabajo?'),
      enableWhen: [
        { question: 'employment-status', operator: '=', answer: 'part-time' },
        { question: 'employment-status', operator: '=', answer: 'looking' },
        { question: 'employment-status', operator: '=', answer: 'not-looking' },
      ],
      enableBehavior: 'any',
    },
  ],
};

const health: Item = {
  linkId: 'health',
  type: 'group',
  text: t('Health', 'Salud'),
  items: [
    { linkId: 'health-insurance', type: 'choice', text: t('Do you have health insurance?', '¿Tiene seguro médico?'), options: YES_NO_UNSURE },
    {
      linkId: 'health-usual-care',
      type: 'boolean',
      text: t('Is there a doctor or clinic you usually go to?', '¿Hay un médico o una clínica adonde va normalmente?'),
    },
    {
      linkId: 'health-unmet-care',
      type: 'boolean',
      text: t(
        'In the last 12 months, did you need medical care, dental care or medicine that you could not get?',
        'En los últimos 12 meses, ¿necesitó atención médica, dental o medicinas que no pudo conseguir?',
      ),
    },
    {
      linkId: 'mh-stress',
      type: 'choice',
      text: t(
        'In the last 2 weeks, how often has stress, worry or sadness made it hard to get through the day?',
        'En las últimas 2 semanas, ¿con qué frecuencia el estrés, la preocupación o la tristeza le han hecho difícil pasar el día?',
      ),
      options: [
        option('never', 'Never', 'Nunca', { score: 0 }),
        option('some-days', 'Some days', 'Algunos días', { score: 1 }),
        option('most-days', 'Most days', 'La mayoría de los días', { score: 2 }),
        option('every-day', 'Every day', 'Todos los días', { score: 3 }),
      ],
    },
    {
      linkId: 'mh-wants-support',
      type: 'boolean',
      text: t('Would you like to talk with someone about your mood or stress?', '¿Le gustaría hablar con alguien sobre su estado de ánimo o su estrés?'),
    },
    {
      linkId: 'substance-concern',
      type: 'choice',
      text: t(
        'In the last 12 months, has your use of alcohol, drugs, or medicine not taken as prescribed caused problems or worried you or people close to you?',
        'En los últimos 12 meses, ¿su consumo de alcohol, drogas o medicinas no tomadas como se le indicó le ha causado problemas o le ha preocupado a usted o a personas cercanas?',
      ),
      options: [option('yes', 'Yes', 'Sí'), option('no', 'No', 'No'), option('prefer-not', 'Prefer not to say', 'Prefiero no decir')],
    },
    {
      linkId: 'substance-wants-help',
      type: 'boolean',
      text: t('Would you like information about support or treatment?', '¿Le gustaría información sobre apoyo o tratamiento?'),
      enableWhen: [{ question: 'substance-concern', operator: '=', answer: 'yes' }],
    },
  ],
};

const legalAndLearning: Item = {
  linkId: 'legal-education',
  type: 'group',
  text: t('Legal matters and learning', 'Asuntos legales y estudios'),
  items: [
    {
      linkId: 'legal-issues',
      type: 'multi-choice',
      text: t('Do you need help with any of these legal matters?', '¿Necesita ayuda con alguno de estos asuntos legales?'),
      options: [
        option('eviction', 'Eviction or a dispute with a landlord', 'Desalojo o un problema con el dueño de la vivienda'),
        option('immigration', 'Immigration', 'Inmigración'),
        option('family', 'Custody, divorce or child support', 'Custodia, divorcio o manutención de hijos'),
        option('benefits', 'Benefits that were denied or cut', 'Beneficios negados o reducidos'),
        option('record', 'A criminal record or court case', 'Antecedentes penales o un caso en la corte'),
        option('debt', 'Debt or collections', 'Deudas o cobranzas'),
        option('none', 'None of these', 'Ninguno de estos', { exclusive: true }),
      ],
    },
    {
      linkId: 'education-wants-help',
      type: 'boolean',
      text: t(
        'Would you like help with school, job training, English classes, or finishing a high school equivalency?',
        '¿Quiere ayuda con estudios, capacitación laboral, clases de inglés o terminar la secundaria (equivalencia)?',
      ),
    },
  ],
};

const support: Item = {
  linkId: 'support',
  type: 'group',
  text: t('People around you', 'Las personas a su alrededor'),
  items: [
    {
      linkId: 'social-lonely',
      type: 'choice',
      text: t('How often do you feel lonely or cut off from other people?', '¿Con qué frecuencia se siente solo(a) o aislado(a) de los demás?'),
      options: [
        option('never', 'Never', 'Nunca', { score: 0 }),
        option('rarely', 'Rarely', 'Casi nunca', { score: 1 }),
        option('sometimes', 'Sometimes', 'A veces', { score: 2 }),
        option('often', 'Often', 'Con frecuencia', { score: 3 }),
        option('always', 'Always', 'Siempre', { score: 4 }),
      ],
    },
    {
      linkId: 'social-someone-to-call',
      type: 'boolean',
      text: t('Is there someone you can call on when you need help?', '¿Hay alguien a quien pueda llamar cuando necesita ayuda?'),
    },
  ],
};

return deepFreeze({
  id: 'casekit-social-needs-intake',
  version: '1.0.0',
  title: t('Social needs intake', 'Entrevista inicial de necesidades sociales'),
  description: t(
    'A first conversation about a client’s household and everyday needs: housing, food, transportation, utilities, safety, money and work, health, legal matters, learning and support.',
    'Una primera conversación sobre el hogar y las necesidades diarias de la persona: vivienda, alimentación, transporte, servicios, seguridad, dinero y trabajo, salud, asuntos legales, estudios y apoyo.',
  ),
  language: 'en',
  items: [
    {
      linkId: 'intro',
      type: 'display',
      text: t(
        'These questions help us understand what would make life easier for you and your household. Questions marked required help us open your case; you can skip any other question.',
        'Estas preguntas nos ayudan a entender qué le facilitaría la vida a usted y a su hogar. Las preguntas obligatorias nos ayudan a abrir su caso; puede saltar cualquier otra pregunta.',
      ),
    },
    about,
    housing,
    food,
    transportation,
    utilities,
    safety,
    moneyAndWork,
    health,
    legalAndLearning,
    support,
    {
      linkId: 'priorities',
      type: 'text',
      maxLength: 2000,
      text: t(
        'Of everything we talked about, what would you most like help with first?',
        'De todo lo que hablamos, ¿con qué le gustaría recibir ayuda primero?',
      ),
    },
  ],
  flags: [
    {
      id: 'unsheltered',
      label: t('No safe place to sleep tonight', 'No tiene un lugar seguro para dormir esta noche'),
      severity: 'critical',
      when: [
        { question: 'housing-tonight', operator: '=', answer: 'outside' },
        { question: 'housing-tonight', operator: '=', answer: 'vehicle' },
        { question: 'housing-tonight', operator: '=', answer: 'unknown' },
      ],
    },
    {
      id: 'safety-concern',
      label: t('Someone is hurting, threatening or frightening the client', 'Alguien le hace daño, le amenaza o le da miedo a la persona'),
      severity: 'critical',
      when: [{ question: 'safety-afraid', operator: '=', answer: true }],
    },
    {
      id: 'interpreter-needed',
      label: t('Interpreter needed', 'Necesita intérprete'),
      severity: 'info',
      when: [{ question: 'interpreter-needed', operator: '=', answer: true }],
    },
  ],
  needRules: [
    {
      domain: 'housing',
      when: [
        { question: 'housing-situation', operator: '=', answer: 'at-risk' },
        { question: 'housing-situation', operator: '=', answer: 'temporary' },
        { question: 'housing-situation', operator: '=', answer: 'homeless' },
        // Any problem other than "none" (the question is asked of people with a place to live).
        { question: 'housing-problems', operator: '!=', answer: 'none' },
        { question: 'legal-issues', operator: '=', answer: 'eviction' },
      ],
    },
    {
      domain: 'food',
      when: [
        { question: 'food-ran-out', operator: '=', answer: 'often' },
        { question: 'food-ran-out', operator: '=', answer: 'sometimes' },
        { question: 'food-skipped-meals', operator: '=', answer: true },
      ],
    },
    { domain: 'transportation', when: [{ question: 'transport-missed', operator: '=', answer: true }] },
    {
      domain: 'utilities',
      when: [
        { question: 'utilities-shutoff', operator: '=', answer: 'shut-off' },
        { question: 'utilities-shutoff', operator: '=', answer: 'threatened' },
        { question: 'utilities-phone', operator: '=', answer: false },
      ],
    },
    {
      domain: 'safety',
      when: [
        { question: 'safety-home', operator: '=', answer: false },
        { question: 'safety-afraid', operator: '=', answer: true },
      ],
    },
    {
      domain: 'finances',
      when: [
        { question: 'finances-basic-costs', operator: '=', answer: 'somewhat-hard' },
        { question: 'finances-basic-costs', operator: '=', answer: 'very-hard' },
      ],
    },
    {
      domain: 'employment',
      when: [
        { question: 'employment-help', operator: '=', answer: true },
        { question: 'employment-status', operator: '=', answer: 'looking' },
      ],
    },
    {
      domain: 'health',
      when: [
        { question: 'health-insurance', operator: '=', answer: 'no' },
        { question: 'health-usual-care', operator: '=', answer: false },
        { question: 'health-unmet-care', operator: '=', answer: true },
      ],
    },
    {
      domain: 'mental-health',
      when: [
        { question: 'mh-stress', operator: '>=', answer: 2 },
        { question: 'mh-wants-support', operator: '=', answer: true },
      ],
    },
    { domain: 'substance-use', when: [{ question: 'substance-concern', operator: '=', answer: 'yes' }] },
    { domain: 'legal', when: [{ question: 'legal-issues', operator: '!=', answer: 'none' }] },
    {
      domain: 'education',
      when: [
        { question: 'education-wants-help', operator: '=', answer: true },
        // A school-age household member who is not in school (any household entry).
        { question: 'member-in-school', operator: '=', answer: false },
      ],
    },
    {
      domain: 'social-support',
      when: [
        { question: 'social-lonely', operator: '>=', answer: 3 },
        { question: 'social-someone-to-call', operator: '=', answer: false },
      ],
    },
  ],
});
}

export const SOCIAL_NEEDS_INTAKE: QuestionnaireDefinition = /* @__PURE__ */ socialNeedsIntake();

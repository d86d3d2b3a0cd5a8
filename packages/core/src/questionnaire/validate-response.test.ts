import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors/errors.js';
import type { Answers } from './answers.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { assertValidResponse, finalizeResponse, validateResponse, type ResponseIssue } from './validate-response.js';

const RENT_HELP: QuestionnaireDefinition = {
  id: 'emergency-rent-assistance',
  version: '1.3.0',
  title: 'Emergency rent assistance application',
  items: [
    { linkId: 'birth-date', type: 'date', text: 'Date of birth', required: true, min: '1900-01-01', max: '2026-12-31' },
    { linkId: 'household-size', type: 'integer', text: 'People in the household', required: true, min: 1, max: 20 },
    { linkId: 'monthly-rent', type: 'decimal', text: 'Monthly rent', min: 0, max: 20000 },
    // Required, but only asked when there is rent to pay.
    { linkId: 'rent-help-before', type: 'boolean', text: 'Have you had rent help this year?', required: true, enableWhen: [{ question: 'monthly-rent', operator: '>', answer: 0 }] },
    {
      linkId: 'zip',
      type: 'string',
      text: 'ZIP code',
      pattern: '\\d{5}(-\\d{4})?',
      patternHint: { en: 'Enter a 5-digit ZIP code.', es: 'Escriba un código postal de 5 dígitos.' },
    },
    { linkId: 'case-number', type: 'string', text: 'Case number', minLength: 6, maxLength: 12 },
    {
      linkId: 'benefits',
      type: 'multi-choice',
      text: 'Benefits received',
      options: [
        { code: 'snap', display: 'SNAP' },
        { code: 'wic', display: 'WIC' },
        { code: 'ssi', display: 'SSI' },
        { code: 'none', display: 'None of these', exclusive: true },
      ],
    },
    {
      linkId: 'landlord-type',
      type: 'choice',
      text: 'Landlord',
      options: [
        { code: 'private', display: 'Private landlord' },
        { code: 'public', display: 'Public housing authority' },
      ],
    },
    {
      linkId: 'contacts',
      type: 'group',
      repeats: true,
      minRepeats: 1,
      maxRepeats: 2,
      text: 'Emergency contacts',
      items: [
        { linkId: 'contact-name', type: 'string', text: 'Name', required: true },
        { linkId: 'contact-age', type: 'integer', text: 'Age', min: 18 },
        { linkId: 'contact-minor-guardian', type: 'string', text: 'Guardian', required: true, enableWhen: [{ question: 'contact-age', operator: '<', answer: 18 }] },
      ],
    },
    {
      linkId: 'consent',
      type: 'group',
      text: 'Consent',
      required: true,
      items: [
        { linkId: 'consent-text', type: 'display', text: 'We share your application with the housing authority.' },
        { linkId: 'consent-share', type: 'boolean', text: 'I agree' },
        { linkId: 'consent-signed-on', type: 'date', text: 'Signed on' },
      ],
    },
    { linkId: 'notes', type: 'text', text: 'Anything else?', maxLength: 40 },
  ],
};

const VALID: Answers = {
  'birth-date': '1988-04-17',
  'household-size': 3,
  'monthly-rent': 1450.5,
  'rent-help-before': false,
  zip: '60623',
  'case-number': 'RA-20417',
  benefits: ['snap', 'wic'],
  'landlord-type': 'private',
  contacts: [{ instanceId: 'k1', answers: { 'contact-name': 'Rosa Delgado', 'contact-age': 52 } }],
  'consent-share': true,
};

const summary = (issues: ResponseIssue[]) => issues.map((i) => `${i.path.join('.')}:${i.code}`);

describe('validateResponse', () => {
  it('accepts a complete, valid response', () => {
    assert.deepEqual(validateResponse(RENT_HELP, VALID), []);
    assertValidResponse(RENT_HELP, VALID);
  });

  it('reports required questions, a required group and a missing minimum of instances', () => {
    const issues = validateResponse(RENT_HELP, { 'monthly-rent': 900, zip: '  ' });
    assert.deepEqual(summary(issues), [
      'birth-date:required',
      'household-size:required',
      'rent-help-before:required',
      'contacts:repeats-min',
      'consent:required',
    ]);
    const contacts = issues.find((i) => i.code === 'repeats-min')!;
    assert.deepEqual(contacts.params, { min: 1 });
    assert.equal(contacts.message, 'Add at least 1 entry.');
    assert.equal(issues[0]!.message, 'This question needs an answer.');
    assert.equal(issues[0]!.linkId, 'birth-date');
  });

  it('does not require a required item that is hidden', () => {
    const noRent = { ...VALID, 'monthly-rent': 0 };
    delete (noRent as Answers)['rent-help-before'];
    assert.deepEqual(validateResponse(RENT_HELP, noRent), []);
    // A hidden item keeping a bad answer in the draft is not an error either.
    assert.deepEqual(validateResponse(RENT_HELP, { ...noRent, 'rent-help-before': 'maybe' }), []);
  });

  it('reports min and max on numbers and dates, with params', () => {
    const issues = validateResponse(RENT_HELP, { ...VALID, 'household-size': 0, 'monthly-rent': 25000, 'birth-date': '1899-12-31' });
    assert.deepEqual(summary(issues), ['birth-date:min', 'household-size:min', 'monthly-rent:max']);
    assert.deepEqual(issues.map((i) => i.params), [{ min: '1900-01-01' }, { min: 1 }, { max: 20000 }]);
    assert.equal(issues[1]!.message, 'Enter a number no smaller than 1.');
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, 'birth-date': '2027-01-01', 'household-size': 21 })), [
      'birth-date:max',
      'household-size:max',
    ]);
    assert.deepEqual(validateResponse(RENT_HELP, { ...VALID, 'household-size': 20, 'monthly-rent': 0, 'birth-date': '1900-01-01' }).length, 0, 'bounds are inclusive');
  });

  it('reports a pattern mismatch with the definition’s hint, and text length', () => {
    const issues = validateResponse(RENT_HELP, { ...VALID, zip: '6062', 'case-number': 'RA-1', notes: 'x'.repeat(41) });
    assert.deepEqual(summary(issues), ['zip:pattern', 'case-number:min-length', 'notes:max-length']);
    assert.equal(issues[0]!.message, 'Enter a 5-digit ZIP code.');
    assert.equal(validateResponse(RENT_HELP, { ...VALID, zip: '6062' }, { lang: 'es' })[0]!.message, 'Escriba un código postal de 5 dígitos.');
    assert.deepEqual(validateResponse(RENT_HELP, { ...VALID, zip: '60623-1234' }), []);
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, zip: 'x60623' })), ['zip:pattern'], 'the pattern must match the whole answer');
  });

  it('reports values of the wrong type', () => {
    const issues = validateResponse(RENT_HELP, {
      ...VALID,
      'birth-date': '17/04/1988',
      'household-size': 2.5,
      'monthly-rent': '1450' as unknown as number,
      zip: 60623 as unknown as string,
      'landlord-type': ['private'],
      'consent-share': 'yes',
      'consent-signed-on': '2026-02-30',
    });
    assert.deepEqual(summary(issues), [
      'birth-date:type',
      'household-size:type',
      'monthly-rent:type',
      'zip:type',
      'landlord-type:type',
      'consent-share:type',
      'consent-signed-on:type',
    ]);
    assert.equal(issues[1]!.message, 'Enter a whole number.');
  });

  it('reports codes that are not options, and an exclusive option combined with others', () => {
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, 'landlord-type': 'relative' })), ['landlord-type:option']);
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, benefits: ['snap', 'tanf'] })), ['benefits:option']);
    const exclusive = validateResponse(RENT_HELP, { ...VALID, benefits: ['snap', 'none'] });
    assert.deepEqual(summary(exclusive), ['benefits:option']);
    assert.match(exclusive[0]!.message, /None of these/);
    assert.deepEqual(validateResponse(RENT_HELP, { ...VALID, benefits: ['none'] }), []);
  });

  it('puts issues inside repeating groups at [group, index, linkId]', () => {
    const answers: Answers = {
      ...VALID,
      contacts: [
        { instanceId: 'k1', answers: { 'contact-name': 'Rosa Delgado', 'contact-age': 52 } },
        { instanceId: 'k7', answers: { 'contact-age': 16 } },
      ],
    };
    const issues = validateResponse(RENT_HELP, answers);
    assert.deepEqual(summary(issues), ['contacts.1.contact-name:required', 'contacts.1.contact-age:min', 'contacts.1.contact-minor-guardian:required']);
    assert.deepEqual(issues[1]!.params, { min: 18 });
  });

  it('reports too many instances, duplicate instance ids and answers with no place in the definition', () => {
    const contact = (id: string) => ({ instanceId: id, answers: { 'contact-name': 'Contact' } });
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, contacts: [contact('a'), contact('b'), contact('c')] })), ['contacts:repeats-max']);
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, contacts: [contact('a'), contact('a')] })), ['contacts.1:duplicate']);
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, 'contact-name': 'misplaced', consent: true })), [
      'contact-name:unknown',
      'consent:unknown',
    ]);
    assert.deepEqual(summary(validateResponse(RENT_HELP, { ...VALID, contacts: 'Rosa' as unknown as [] })), ['contacts:type', 'contacts:repeats-min']);
  });

  it('assertValidResponse throws a ValidationError carrying every issue', () => {
    assert.throws(
      () => assertValidResponse(RENT_HELP, { ...VALID, 'household-size': 0, zip: '1' }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.code === 'validation' &&
        error.issues.length === 2 &&
        error.message === 'Invalid input — household-size: Enter a number no smaller than 1. (and 1 more)',
    );
  });

  it('finalizeResponse prunes hidden answers and validates', () => {
    const draft = { ...VALID, 'monthly-rent': 0, 'rent-help-before': true, 'consent-signed-on': '' };
    const stored = finalizeResponse(RENT_HELP, draft);
    assert.equal('rent-help-before' in stored, false);
    assert.equal('consent-signed-on' in stored, false);
    assert.throws(() => finalizeResponse(RENT_HELP, { ...draft, zip: '1' }), ValidationError);
  });
});

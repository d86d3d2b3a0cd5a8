import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInstance, removeInstance, setAnswer, type Answers } from './answers.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { isEnabled, pruneHidden, visibleItems } from './visibility.js';

/** A family-services intake: children as a repeating group with a nested group and a nested repeating group. */
const FAMILY: QuestionnaireDefinition = {
  id: 'family-services-intake',
  version: '2.1.0',
  title: { en: 'Family services intake', es: 'Admisión de servicios familiares' },
  items: [
    { linkId: 'has-children', type: 'boolean', text: 'Do you have children under 18 living with you?', required: true },
    { linkId: 'parent-works', type: 'boolean', text: 'Do you work outside the home?' },
    { linkId: 'has-car', type: 'boolean', text: 'Do you have a car?' },
    {
      linkId: 'children',
      type: 'group',
      repeats: true,
      required: true,
      maxRepeats: 8,
      text: 'Children',
      enableWhen: [{ question: 'has-children', operator: '=', answer: true }],
      items: [
        { linkId: 'child-name', type: 'string', text: 'First name', required: true },
        { linkId: 'child-age', type: 'integer', text: 'Age', min: 0, max: 17, required: true },
        {
          linkId: 'child-school',
          type: 'group',
          text: 'School',
          enableWhen: [{ question: 'child-age', operator: '>=', answer: 5 }],
          items: [
            { linkId: 'school-name', type: 'string', text: 'School name', required: true },
            { linkId: 'has-iep', type: 'boolean', text: 'Does the child have an IEP?', enableWhen: [{ question: 'school-name', operator: 'exists', answer: true }] },
          ],
        },
        {
          linkId: 'child-care-needed',
          type: 'boolean',
          text: 'Do you need child care for this child?',
          required: true,
          // A sibling in the same instance and an item at the top level.
          enableWhen: [
            { question: 'child-age', operator: '<', answer: 5 },
            { question: 'parent-works', operator: '=', answer: true },
          ],
        },
        {
          linkId: 'appointments',
          type: 'group',
          repeats: true,
          text: 'Upcoming medical appointments',
          items: [
            { linkId: 'appointment-date', type: 'date', text: 'Date', required: true },
            { linkId: 'needs-ride', type: 'boolean', text: 'Needs a ride?', enableWhen: [{ question: 'has-car', operator: '=', answer: false }] },
          ],
        },
      ],
    },
    // Looks into the repeating group from outside: holds if any child is under 2.
    { linkId: 'infant-supplies', type: 'boolean', text: 'Do you need diapers or formula?', enableWhen: [{ question: 'child-age', operator: '<', answer: 2 }] },
    {
      linkId: 'safety',
      type: 'group',
      text: 'Safety',
      enableWhen: [{ question: 'has-children', operator: 'exists', answer: true }],
      items: [{ linkId: 'cps-involved', type: 'boolean', text: 'Is child protective services involved?' }],
    },
    { linkId: 'cps-worker', type: 'string', text: 'Name of the CPS worker', enableWhen: [{ question: 'cps-involved', operator: '=', answer: true }] },
  ],
};

const ROSA: Answers = {
  'has-children': true,
  'parent-works': true,
  'has-car': false,
  children: [
    { instanceId: 'c-lucia', answers: { 'child-name': 'Lucía', 'child-age': 7, 'school-name': 'Lincoln Elementary', 'has-iep': false } },
    {
      instanceId: 'c-mateo',
      answers: { 'child-name': 'Mateo', 'child-age': 1, 'child-care-needed': true, appointments: [{ instanceId: 'a1', answers: { 'appointment-date': '2026-12-03', 'needs-ride': true } }] },
    },
  ],
};

const at = (...ids: [group: string, instanceId: string][]) => ids.map(([group, instanceId]) => ({ group, instanceId }));

describe('visibility', () => {
  it('evaluates conditions inside a repeating group per instance (siblings first, then outer items)', () => {
    const context = { definition: FAMILY };
    assert.equal(isEnabled('child-school', ROSA, { ...context, at: at(['children', 'c-lucia']) }), true);
    assert.equal(isEnabled('child-school', ROSA, { ...context, at: at(['children', 'c-mateo']) }), false);
    assert.equal(isEnabled('child-care-needed', ROSA, { ...context, at: at(['children', 'c-lucia']) }), false);
    assert.equal(isEnabled('child-care-needed', ROSA, { ...context, at: at(['children', 'c-mateo']) }), true);
    const notWorking = setAnswer(ROSA, 'parent-works', false);
    assert.equal(isEnabled('child-care-needed', notWorking, { ...context, at: at(['children', 'c-mateo']) }), false, 'the outer item counts too');
    const twoLevels = at(['children', 'c-mateo'], ['appointments', 'a1']);
    assert.equal(isEnabled('needs-ride', ROSA, { ...context, at: twoLevels }), true);
    assert.equal(isEnabled('needs-ride', setAnswer(ROSA, 'has-car', true), { ...context, at: twoLevels }), false);
  });

  it('hides children of hidden groups, and items of a missing instance', () => {
    const context = { definition: FAMILY, at: at(['children', 'c-mateo']) };
    assert.equal(isEnabled('school-name', ROSA, context), false, 'child-school is hidden for Mateo');
    assert.equal(isEnabled('has-iep', ROSA, context), false);
    assert.equal(isEnabled('child-name', ROSA, { definition: FAMILY, at: at(['children', 'c-nobody']) }), false);
    const noChildren = setAnswer(ROSA, 'has-children', false);
    assert.equal(isEnabled('child-name', noChildren, { definition: FAMILY, at: at(['children', 'c-lucia']) }), false);
  });

  it('a condition from outside a repeating group holds if any instance matches', () => {
    assert.equal(isEnabled('infant-supplies', ROSA, { definition: FAMILY }), true);
    const olderOnly = setAnswer(ROSA, 'child-age', 3, at(['children', 'c-mateo']));
    assert.equal(isEnabled('infant-supplies', olderOnly, { definition: FAMILY }), false);
  });

  it('!= from outside a repeating group holds only if no instance has the value (FHIR)', () => {
    const definition: QuestionnaireDefinition = {
      id: 'co-parent-check',
      version: '1.0.0',
      title: 'Co-parent check',
      items: [
        { linkId: 'adults', type: 'group', repeats: true, text: 'Other adults at home', items: [{ linkId: 'adult-role', type: 'choice', text: 'Role', options: [{ code: 'partner', display: 'Partner' }, { code: 'relative', display: 'Relative' }] }] },
        { linkId: 'single-parent-support', type: 'boolean', text: 'Would single-parent support help?', enableWhen: [{ question: 'adult-role', operator: '!=', answer: 'partner' }] },
      ],
    };
    const adults = (...roles: string[]): Answers => ({ adults: roles.map((role, i) => ({ instanceId: `a${i}`, answers: { 'adult-role': role } })) });
    assert.equal(isEnabled('single-parent-support', adults('relative'), { definition }), true);
    assert.equal(isEnabled('single-parent-support', adults('relative', 'partner'), { definition }), false);
    assert.equal(isEnabled('single-parent-support', adults(), { definition }), false, 'no answer at all');
  });

  it('answers kept for hidden questions do not drive other conditions', () => {
    const withWorker = setAnswer(setAnswer(ROSA, 'cps-involved', true), 'cps-worker', 'J. Park');
    assert.equal(isEnabled('cps-worker', withWorker, { definition: FAMILY }), true);
    // Unanswering has-children hides the safety group; its stale cps-involved answer no longer counts.
    const hidden = setAnswer(withWorker, 'has-children', undefined);
    assert.equal(hidden['cps-involved'], true, 'the draft keeps the hidden answer');
    assert.equal(isEnabled('cps-worker', hidden, { definition: FAMILY }), false);
  });

  it('visibleItems lists shown items in order with answer paths, instance refs and stable keys', () => {
    const items = visibleItems(FAMILY, ROSA);
    const rows = items.map((v) => `${v.kind}:${v.key}:${JSON.stringify(v.path)}`);
    assert.deepEqual(rows, [
      'item:has-children:["has-children"]',
      'item:parent-works:["parent-works"]',
      'item:has-car:["has-car"]',
      'item:children:["children"]',
      'instance:children/c-lucia:["children",0]',
      'item:children/c-lucia/child-name:["children",0,"child-name"]',
      'item:children/c-lucia/child-age:["children",0,"child-age"]',
      'item:children/c-lucia/child-school:["children",0,"child-school"]',
      'item:children/c-lucia/school-name:["children",0,"school-name"]',
      'item:children/c-lucia/has-iep:["children",0,"has-iep"]',
      'item:children/c-lucia/appointments:["children",0,"appointments"]',
      'instance:children/c-mateo:["children",1]',
      'item:children/c-mateo/child-name:["children",1,"child-name"]',
      'item:children/c-mateo/child-age:["children",1,"child-age"]',
      'item:children/c-mateo/child-care-needed:["children",1,"child-care-needed"]',
      'item:children/c-mateo/appointments:["children",1,"appointments"]',
      'instance:children/c-mateo/appointments/a1:["children",1,"appointments",0]',
      'item:children/c-mateo/appointments/a1/appointment-date:["children",1,"appointments",0,"appointment-date"]',
      'item:children/c-mateo/appointments/a1/needs-ride:["children",1,"appointments",0,"needs-ride"]',
      'item:infant-supplies:["infant-supplies"]',
      'item:safety:["safety"]',
      'item:cps-involved:["cps-involved"]',
    ]);
    const ride = items.find((v) => v.linkId === 'needs-ride')!;
    assert.deepEqual(ride.at, at(['children', 'c-mateo'], ['appointments', 'a1']));
    assert.equal(ride.depth, 4);
  });
});

describe('repeating groups in a draft', () => {
  it('adding, removing, hiding and re-showing instances keeps every answer with its instance', () => {
    let draft: Answers = { 'has-children': true };
    let added = addInstance(draft, 'children');
    const first = added.instanceId;
    draft = added.answers;
    added = addInstance(draft, 'children', { instanceId: 'c-second' });
    draft = added.answers;
    added = addInstance(draft, 'children');
    const third = added.instanceId;
    draft = added.answers;
    assert.deepEqual([first, third], ['children-1', 'children-2']);

    draft = setAnswer(draft, 'child-name', 'Ana', at(['children', first]));
    draft = setAnswer(draft, 'child-age', 9, at(['children', first]));
    draft = setAnswer(draft, 'school-name', 'Roosevelt Middle', at(['children', first]));
    draft = setAnswer(draft, 'child-name', 'Ben', at(['children', 'c-second']));
    draft = setAnswer(draft, 'child-name', 'Cleo', at(['children', third]));

    // Remove the middle one: the others keep their ids and answers.
    draft = removeInstance(draft, 'children', 'c-second');
    const names = () => visibleItems(FAMILY, draft).filter((v) => v.linkId === 'child-name').map((v) => [v.at[0]!.instanceId, v.path[1]]);
    assert.deepEqual(names(), [['children-1', 0], ['children-2', 1]]);
    assert.equal(addInstance(draft, 'children').instanceId, 'children-3', 'ids are not reused');

    // Ana turns 4 in a correction: her school section hides, and its answer is kept in the draft only.
    draft = setAnswer(draft, 'child-age', 4, at(['children', first]));
    assert.equal(isEnabled('school-name', draft, { definition: FAMILY, at: at(['children', first]) }), false);
    const stored = pruneHidden(FAMILY, draft);
    assert.deepEqual(stored['children'], [
      { instanceId: 'children-1', answers: { 'child-name': 'Ana', 'child-age': 4 } },
      { instanceId: 'children-2', answers: { 'child-name': 'Cleo' } },
    ]);

    // Back to 9: the school answer reappears.
    draft = setAnswer(draft, 'child-age', 9, at(['children', first]));
    assert.equal(pruneHidden(FAMILY, draft)['children'] instanceof Array, true);
    assert.deepEqual((pruneHidden(FAMILY, draft)['children'] as { answers: Answers }[])[0]!.answers, {
      'child-name': 'Ana',
      'child-age': 9,
      'school-name': 'Roosevelt Middle',
    });

    // Hide the whole group, then show it again: instances and answers come back unchanged.
    const before = draft['children'];
    draft = setAnswer(draft, 'has-children', false);
    assert.equal(pruneHidden(FAMILY, draft)['children'], undefined, 'a hidden group is not stored');
    assert.equal(visibleItems(FAMILY, draft).some((v) => v.linkId === 'children'), false);
    draft = setAnswer(draft, 'has-children', true);
    assert.equal(draft['children'], before);
    assert.deepEqual(names(), [['children-1', 0], ['children-2', 1]]);
  });

  it('pruneHidden drops hidden answers, blanks, display items and unknown linkIds, and copies the rest', () => {
    const draft: Answers = {
      ...ROSA,
      'cps-worker': 'J. Park', // cps-involved unanswered -> hidden
      'infant-supplies': '',
      'old-question': 'from an earlier version',
    };
    const stored = pruneHidden(FAMILY, draft);
    assert.deepEqual(stored, {
      'has-children': true,
      'parent-works': true,
      'has-car': false,
      children: [
        { instanceId: 'c-lucia', answers: { 'child-name': 'Lucía', 'child-age': 7, 'school-name': 'Lincoln Elementary', 'has-iep': false } },
        {
          instanceId: 'c-mateo',
          answers: {
            'child-name': 'Mateo',
            'child-age': 1,
            'child-care-needed': true,
            appointments: [{ instanceId: 'a1', answers: { 'appointment-date': '2026-12-03', 'needs-ride': true } }],
          },
        },
      ],
    });
    assert.notEqual(stored['children'], draft['children'], 'a new object, the draft is untouched');
    assert.equal(draft['cps-worker'], 'J. Park');
    assert.deepEqual(pruneHidden(FAMILY, stored), stored, 'pruning is idempotent');
    assert.deepEqual(JSON.parse(JSON.stringify(stored)), stored, 'JSON round-trips losslessly');
  });
});

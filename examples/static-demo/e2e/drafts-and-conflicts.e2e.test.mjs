import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';
import { answer, completeIntake, planGoalAndTask } from './flows.mjs';

describe('drafts and conflicts', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('restores a half-filled intake exactly after a reload', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    await page.getByRole('button', { name: 'New intake' }).click();
    const form = page.locator('ck-intake-form');
    await form.getByLabel('First name').fill('Layla');
    await answer(form, /Does anyone else live with you/, 'Yes');
    await form.getByRole('button', { name: /Add/ }).first().click();
    await form.getByLabel(/First name or initials/).fill('Omar');
    await form.evaluate((el) => el.flushDraft());
    await page.reload();
    await page.locator('ck-caseload-board').evaluate((board) => board.loadComplete);
    await page.getByRole('button', { name: 'New intake' }).click();
    await form.evaluate((el) => el.loadComplete);
    assert.equal(await form.getByLabel(/^First name(\s*\(required\))?$/).inputValue(), 'Layla');
    assert.equal(await form.getByRole('radiogroup', { name: /Does anyone else live with you/ }).getByRole('radio', { name: 'Yes' }).isChecked(), true);
    assert.equal(await form.getByLabel(/First name or initials/).inputValue(), 'Omar');
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  it('tells a second tab that the plan changed elsewhere instead of losing its update, keeping what was typed', async () => {
    const context = await demo.browser.newContext();
    const first = await openDemo(context, demo.url);
    await completeIntake(first, { given: 'Noor', family: 'Haddad' });
    await first.locator('#case-heading', { hasText: 'Noor Haddad' }).waitFor();
    await planGoalAndTask(first, 'Book a legal aid appointment');

    const second = await openDemo(context, demo.url);
    const board = second.locator('ck-caseload-board');
    await board.getByLabel('Search').fill('haddad noor');
    await board.locator('[part~="card"]', { hasText: 'Noor Haddad' }).click();
    const secondEditor = second.locator('ck-care-plan-editor');
    await secondEditor.getByText('Book a legal aid appointment', { exact: true }).waitFor();
    // A goal's task form is collapsed behind "Add task for: <goal>" until asked for.
    await secondEditor.getByRole('button', { name: /^Add task for: / }).first().click();
    await secondEditor.getByLabel('What needs to happen').first().fill('Typed in the second tab');

    await first.locator('ck-care-plan-editor').getByRole('button', { name: /^Add task for: / }).first().click();
    await first.locator('ck-care-plan-editor').getByLabel('What needs to happen').first().fill('Ask about housing court date');
    await first.locator('ck-care-plan-editor').getByRole('button', { name: 'Add task', exact: true }).first().click();

    await secondEditor.getByText('This plan was changed by someone else.').first().waitFor();
    await secondEditor.getByRole('button', { name: 'Add task', exact: true }).first().click();
    await secondEditor.getByText(/not saved because someone else changed this plan/).first().waitFor();
    assert.equal(await secondEditor.getByLabel('What needs to happen').first().inputValue(), 'Typed in the second tab');
    await secondEditor.getByRole('button', { name: 'Reload' }).first().click();
    await secondEditor.getByText('Ask about housing court date', { exact: true }).waitFor();
    assert.equal(await secondEditor.getByLabel('What needs to happen').first().inputValue(), 'Typed in the second tab');
    assert.deepEqual(await axeViolations(second), []);
    await context.close();
  });
});

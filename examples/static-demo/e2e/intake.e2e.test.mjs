import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';
import { completeIntake } from './flows.mjs';

describe('new intake', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('goes through conditional questions to submit, opens the case, and puts it on the board', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    await completeIntake(page, { given: 'Amara', family: 'Okoye' });
    await page.locator('#case-heading', { hasText: 'Amara Okoye' }).waitFor();
    const facts = await page.locator('#client-facts').textContent();
    assert.match(facts, /Spanish.*needed/s);
    assert.match(facts, /Needs.*Housing.*Food/s, 'needs derived from the answers show on the case');
    const board = page.locator('ck-caseload-board');
    await board.getByLabel('Search').fill('okoye');
    await board.locator('[part~="card"]', { hasText: 'Amara Okoye' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'New intake' }).click();
    assert.equal(await page.locator('ck-intake-form').getByLabel(/^First name/).first().inputValue(), '', 'the next intake starts empty');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

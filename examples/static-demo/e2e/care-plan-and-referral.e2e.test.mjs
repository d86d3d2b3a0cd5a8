import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';
import { closeTheLoop, completeIntake, planGoalAndTask, referFromGoal } from './flows.mjs';

describe('care plan and closed-loop referral', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('adds a goal and a task, sends a referral, records acceptance and completion, and keeps it all after a reload', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    await completeIntake(page, { given: 'Bao', family: 'Tran' });
    await page.locator('#case-heading', { hasText: 'Bao Tran' }).waitFor();
    await planGoalAndTask(page, 'Call the shelter intake line with Bao');
    assert.deepEqual(await axeViolations(page), [], 'care plan with a goal and a task');
    await referFromGoal(page);
    const tracker = page.locator('ck-referral-tracker');
    await tracker.getByText(/Sent|Requested/).first().waitFor();
    await closeTheLoop(page);
    await tracker.getByText('Completed').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'referral tracker after the loop closed');

    await page.reload();
    await page.locator('ck-caseload-board').evaluate((board) => board.loadComplete);
    const board = page.locator('ck-caseload-board');
    await board.getByLabel('Search').fill('tran bao');
    await board.locator('[part~="card"]', { hasText: 'Bao Tran' }).click();
    await page.locator('ck-care-plan-editor').getByText('Call the shelter intake line with Bao', { exact: true }).waitFor();
    await tracker.getByText('Completed').first().waitFor();
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

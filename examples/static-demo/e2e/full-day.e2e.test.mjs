import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';
import { completeIntake, planGoalAndTask, referFromGoal } from './flows.mjs';

// A case manager's day in the demo, end to end through the widgets: the worklist, a logged call, a
// referral checked before it is sent, the provider's answer in its inbox, and a closure approved.
describe("a case manager's day", () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  const actAs = async (page, id) => {
    await page.locator('#actor').selectOption(id);
  };

  it('worklist → log a call → refer with the share preview → provider accepts → supervisor approves the closure', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);

    // 1. Marta starts from her worklist: the top row says why it is there, and Open shows its case.
    const worklist = page.locator('ck-worklist');
    await worklist.evaluate((el) => el.loadComplete);
    const top = worklist.locator('[part~="row"]').first();
    assert.match((await top.textContent()) ?? '', /overdue|due today|waiting|review|task/i, 'the row says why');
    await top.locator('[part~="open-button"]').click();
    await page.locator('#case-view').waitFor({ state: 'visible' });

    // 2. She logs the call she just made, and signs it.
    const notes = page.locator('ck-case-notes');
    await notes.evaluate((el) => el.loadComplete);
    await notes.locator('[name="type"]').selectOption('phone');
    await notes.locator('[name="outcome"]').selectOption('completed');
    await notes.locator('[name="text"]').fill('Called about the overdue contact; next visit agreed.');
    await notes.locator('[data-sign="true"]').click();
    await notes.locator('[part~="note"]', { hasText: 'Called about the overdue contact' }).locator('[part~="status"]', { hasText: 'Signed' }).waitFor();
    await page.getByRole('button', { name: 'Back to caseload' }).click();

    // 3. A new client at intake; a plan; a referral to rapid rehousing, checked before it is sent.
    await completeIntake(page, { given: 'Lucía', family: 'Benítez' });
    await page.locator('#case-heading', { hasText: 'Lucía Benítez' }).waitFor();
    const caseId = await page.evaluate(() => document.querySelector('#referral-tracker').getAttribute('case-id'));
    await planGoalAndTask(page, 'Call the rapid rehousing intake line with Lucía');
    const preview = await referFromGoal(page, /Rapid rehousing/);
    assert.match(preview, /Harbor Housing Partners/, 'who will receive it');
    assert.match(preview, /Consent override: Client agreed by phone/, 'what it rests on');
    const tracker = page.locator('ck-referral-tracker');
    await tracker.locator('[part~="referral"]', { hasText: 'Rapid rehousing' }).locator('[part~="status"]', { hasText: 'Sent' }).waitFor();

    // 4. Harbor Housing Partners' staff accept it from their inbox, seeing only what was shared.
    await actAs(page, 'prov-reyes');
    const inbox = page.locator('ck-referral-inbox');
    await inbox.waitFor({ state: 'visible' });
    await inbox.evaluate((el) => el.loadComplete);
    const row = inbox.locator('[part~="row"]', { hasText: 'Lucía Benítez' });
    await row.getByRole('button', { name: 'Lucía Benítez' }).click();
    await row.getByText('The client agreed to share only their name.').waitFor();
    await row.getByRole('button', { name: 'Accept' }).click();
    await row.locator('[part~="status"]', { hasText: 'Accepted' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the inbox');

    // 5. Marta asks to close the case (closures need a supervisor's approval in the demo)…
    await actAs(page, 'cm-alvarez');
    await page.locator('ck-caseload-board').waitFor({ state: 'visible' });
    const asked = await page.evaluate(async (id) => {
      const manager = document.querySelector('#casekit').manager;
      const record = await manager.cases.get(id);
      const next = await manager.cases.transition(record, 'closed', { closureReason: 'transferred' });
      return { closed: next.status === 'closed', pending: !!next.pendingApproval };
    }, caseId);
    assert.deepEqual(asked, { closed: false, pending: true }, 'the closure waits');

    // 6. …and the supervisor approves it from the approvals queue.
    const supervisor = await page.locator('#actor option').evaluateAll((options) => options.find((o) => /supervisor/i.test(o.textContent))?.value);
    await actAs(page, supervisor);
    const approvals = page.locator('#approvals');
    await approvals.waitFor({ state: 'visible' });
    await approvals.evaluate((el) => el.loadComplete);
    await approvals.locator(`[data-key*="${caseId}"] [data-action="approve"]`).click();
    await page.waitForFunction(async (id) => (await document.querySelector('#casekit').manager.cases.get(id)).status === 'closed', caseId);
    assert.deepEqual(await axeViolations(page), [], 'the workspace after the approval');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

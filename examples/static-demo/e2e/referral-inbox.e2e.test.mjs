import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';
import { completeIntake, planGoalAndTask, referFromGoal } from './flows.mjs';

describe('referral inbox (provider staff)', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it("shows a case manager's sent referral in the provider's inbox, who accepts it; the case manager's tracker follows", async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    await completeIntake(page, { given: 'Rosa', family: 'Quispe' });
    await page.locator('#case-heading', { hasText: 'Rosa Quispe' }).waitFor();
    await planGoalAndTask(page, 'Call the shelter intake line with Rosa');

    // Marta refers Rosa to Harbor Housing Partners' rapid rehousing, with a consent override (name only).
    const preview = await referFromGoal(page, /Rapid rehousing/);
    assert.match(preview, /Consent override: Client agreed by phone/, 'the sender saw what it rests on');
    const tracker = page.locator('ck-referral-tracker');
    await tracker.locator('[part~="referral"]', { hasText: 'Rapid rehousing' }).locator('[part~="status"]', { hasText: 'Sent' }).waitFor();

    // Sam Reyes of Harbor Housing Partners: the inbox replaces the caseload workspace.
    await page.locator('#actor').selectOption('prov-reyes');
    const inbox = page.locator('ck-referral-inbox');
    await inbox.waitFor({ state: 'visible' });
    assert.ok(await page.locator('ck-caseload-board').isHidden(), 'no caseload for provider staff');
    await inbox.evaluate((el) => el.loadComplete);
    // The newest referral waiting for an answer comes first.
    assert.equal((await inbox.locator('[part~="row-toggle"]').first().textContent()).trim(), 'Rosa Quispe');
    const row = inbox.locator('[part~="row"]', { hasText: 'Rosa Quispe' });
    await row.getByRole('button', { name: 'Rosa Quispe' }).click();
    await row.getByText('The client agreed to share only their name.').waitFor();
    assert.equal(await row.locator('[data-field]').count(), 1, 'only the name was shared');
    assert.deepEqual(await axeViolations(page), [], 'the inbox with a referral open');
    await row.getByRole('button', { name: 'Accept' }).click();
    await row.locator('[part~="status"]', { hasText: 'Accepted' }).waitFor();
    await row.getByRole('button', { name: 'Start' }).waitFor();
    // The hidden caseload workspace read nothing as Sam: no refused reads in his audit trail.
    const refused = await page.evaluate(async () => {
      const auditor = document.querySelector('#casekit').manager.withActor({ id: 'qa-audit', name: 'Audit check', role: 'admin' });
      const events = (await auditor.audit.byActor('prov-reyes', { limit: 500 })).items;
      return events.filter((e) => e.outcome === 'refused').map((e) => `${e.action} ${e.collection}`);
    });
    assert.deepEqual(refused, [], 'provider staff were refused nothing');

    // Back as Marta: her tracker shows Harbor's answer.
    await page.locator('#actor').selectOption('cm-alvarez');
    await page.locator('ck-caseload-board').waitFor({ state: 'visible' });
    assert.ok(await inbox.isHidden());
    const board = page.locator('ck-caseload-board');
    await board.evaluate((el) => el.loadComplete);
    await board.getByLabel('Search').fill('quispe rosa');
    await board.locator('[part~="card"]', { hasText: 'Rosa Quispe' }).click();
    await tracker.locator('[part~="referral"]', { hasText: 'Rapid rehousing' }).locator('[part~="status"]', { hasText: 'Accepted' }).waitFor();
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

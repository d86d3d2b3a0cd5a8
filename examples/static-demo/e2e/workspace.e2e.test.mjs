import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';

describe('demo workspace', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('seeds a caseload on first run and shows it on the board, with no axe violations', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const cards = await page.locator('ck-caseload-board [part~="card"]').count();
    assert.ok(cards > 5, `cards on the board: ${cards}`);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('filters the board to the cases of a number chosen in the summary', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    await page.locator('ck-caseload-summary').evaluate((summary) => summary.loadComplete);
    const bar = page.locator('ck-caseload-summary [data-select="priority:high"]');
    const shown = Number((await bar.getAttribute('aria-label')).match(/\d+/g).at(-1));
    assert.ok(shown > 0, `high-priority cases in the summary: ${shown}`);
    await bar.click();
    const board = page.locator('ck-caseload-board');
    await board.evaluate(async (el) => {
      await el.updateComplete;
      await el.loadComplete;
    });
    assert.equal(await board.locator('[part~="summary"]').textContent(), `${shown} cases`);
    assert.deepEqual(await board.evaluate((el) => el.filters.priority), 'high');
    await page.locator('#show-all-cases').click();
    await board.evaluate(async (el) => {
      await el.updateComplete;
      await el.loadComplete;
    });
    assert.ok(await page.locator('#show-all-cases').isHidden());
    assert.deepEqual(await board.evaluate((el) => el.filters), {});
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('opens a case from the keyboard, shows its contact log, and "Back to caseload" returns focus to its card', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const board = page.locator('ck-caseload-board');
    await board.evaluate((el) => el.focus());
    const opened = await board.evaluate((el) => el.shadowRoot.activeElement?.querySelector('[part~="card-name"]')?.textContent);
    assert.ok(opened, 'focus is on a card');
    await page.keyboard.press('Enter');
    await page.locator('#case-view').waitFor({ state: 'visible' });
    await page.locator('ck-case-notes').evaluate((el) => el.loadComplete ?? el.updateComplete);
    assert.ok(await page.locator('ck-case-notes [part~="heading"]').isVisible(), 'the contact log is in the case view');
    await page.locator('#close-case').click();
    await page.waitForFunction(() => document.querySelector('ck-caseload-board')?.shadowRoot?.activeElement?.matches('[part~="card"]'));
    const back = await board.evaluate((el) => el.shadowRoot.activeElement?.querySelector('[part~="card-name"]')?.textContent);
    assert.equal(back, opened);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('shows the seeding progress in the board\'s empty columns while the demo seeds', async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    await page.goto(demo.url);
    const seen = await page.waitForFunction(
      () => {
        const board = document.querySelector('ck-caseload-board');
        const text = board?.shadowRoot?.textContent ?? '';
        return /Loading cases… [\d,]+ of [\d,]+/.test(text) && board.progress?.total > 0 ? text.match(/Loading cases… [\d,]+ of [\d,]+/)[0] : false;
      },
      null,
      { timeout: 60_000, polling: 50 },
    );
    assert.match(await seen.jsonValue(), /Loading cases/);
    await page.waitForFunction(() => /ready/.test(document.querySelector('#status')?.textContent ?? ''), null, { timeout: 60_000 });
    assert.equal(await page.locator('ck-caseload-board').evaluate((el) => el.progress), undefined, 'cleared once seeded');
    await context.close();
  });

  it('shows a case\'s outcomes over time and its consents in the case view', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const caseId = await page.evaluate(async () => {
      const manager = document.querySelector('#casekit').manager;
      const { items } = await manager.cases.query({ limit: 200 });
      for (const c of items) if ((await manager.assessments.forCase(c.id)).some((a) => a.questionnaireId === 'phq-9')) return c.id;
      return undefined;
    });
    assert.ok(caseId, 'the seed has a case with a PHQ-9');
    await page.evaluate((id) => document.dispatchEvent(new CustomEvent('ck-case-open', { detail: { caseId: id } })), caseId);
    await page.locator('#case-view').waitFor({ state: 'visible' });
    await page.locator('ck-score-history').evaluate((el) => el.loadComplete);
    assert.ok(await page.locator('ck-score-history [part~="series"][data-questionnaire="phq-9"]').count(), 'the PHQ-9 is charted');
    await page.locator('ck-consent-manager').evaluate((el) => el.loadComplete);
    assert.ok(await page.locator('ck-consent-manager [part~="heading"]').isVisible());
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it("a case manager's closure waits for the supervisor, who approves it from the approvals queue", async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    assert.ok(await page.locator('#approvals').isHidden(), 'a case manager has no approvals queue');
    const caseId = await page.evaluate(async () => {
      const manager = document.querySelector('#casekit').manager;
      const [active] = (await manager.cases.query({ status: ['active'], limit: 1 })).items;
      const asked = await manager.cases.transition(active, 'closed', { closureReason: 'goals-met' });
      if (asked.status !== 'active' || !asked.pendingApproval) throw new Error('closure did not wait for approval');
      return asked.id;
    });
    const supervisor = await page.locator('#actor option').evaluateAll((options) => options.find((o) => /supervisor/i.test(o.textContent))?.value);
    await page.locator('#actor').selectOption(supervisor);
    const approvals = page.locator('#approvals');
    await approvals.waitFor({ state: 'visible' });
    await approvals.evaluate((el) => el.loadComplete);
    const row = approvals.locator(`[data-key*="${caseId}"]`);
    await row.locator('[data-action="approve"]').click();
    await page.waitForFunction(async (id) => (await document.querySelector('#casekit').manager.cases.get(id)).status === 'closed', caseId);
    assert.equal(await approvals.locator(`[data-key*="${caseId}"]`).count(), 0, 'the row leaves the queue');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it("starts the day from the worklist: a ranked row says why, and Open shows its case", async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const worklist = page.locator('ck-worklist');
    await worklist.evaluate((el) => el.loadComplete);
    const first = worklist.locator('[part~="row"]').first();
    assert.ok(await first.count(), 'the seeded caseload has something due today');
    assert.ok((await first.textContent()).trim().length > 0);
    await first.locator('[part~="open-button"]').click();
    await page.locator('#case-view').waitFor({ state: 'visible' });
    assert.ok((await page.locator('#case-heading').textContent()).length > 0);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('keeps the caseload across a reload (IndexedDB), without seeding twice', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const count = () => page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('casekit-demo');
      open.onsuccess = () => {
        const request = open.result.transaction('cases').objectStore('cases').count();
        request.onsuccess = () => { resolve(request.result); open.result.close(); };
      };
    }));
    const before = await count();
    await page.reload();
    await page.locator('ck-caseload-board').evaluate((board) => board.loadComplete);
    assert.equal(await count(), before);
    await context.close();
  });
});

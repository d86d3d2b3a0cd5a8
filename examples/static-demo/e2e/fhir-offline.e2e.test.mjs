import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFhirServerProcess } from '../../../packages/devtools/serve.mjs';
import { openDemo, startDemo } from './harness.mjs';
import { completeIntake, planGoalAndTask } from './flows.mjs';

/**
 * `?storage=fhir` offline, in Chromium: the case manager edits a plan (a progress note) and does an
 * intake with the network off, reloads while the FHIR server is still unreachable, and comes back.
 * Meanwhile the EHR changed the same care plan on the server. The intake reaches the server; the plan
 * is not merged or overwritten: <ck-sync-status> shows both versions until the user keeps hers.
 */
const FHIR_JSON = { accept: 'application/fhir+json', 'content-type': 'application/fhir+json' };

async function search(baseUrl, query) {
  const bundle = await (await fetch(`${baseUrl}/${query}`, { headers: FHIR_JSON })).json();
  return (bundle.entry ?? []).map((e) => e.resource);
}

describe('demo on the FHIR server, offline', () => {
  let demo;
  let fhir;
  before(async () => {
    demo = await startDemo();
    fhir = await startFhirServerProcess({ port: 0, origins: [new URL(demo.url).origin], seedClients: 5 });
  });
  after(async () => {
    await fhir?.close();
    await demo?.close();
  });

  it('keeps offline work through a reload, sends it on reconnect, and shows a server edit of the same plan as a conflict', async () => {
    const context = await demo.browser.newContext();
    await context.grantPermissions(['local-network-access']);
    const page = await openDemo(context, `${demo.url}?storage=fhir&fhir=${encodeURIComponent(fhir.baseUrl)}`);
    const sync = page.locator('ck-sync-status');
    await sync.getByText('All changes saved').waitFor();

    await completeIntake(page, { given: 'Lena', family: 'Park' });
    await page.locator('#case-heading', { hasText: 'Lena Park' }).waitFor();
    await planGoalAndTask(page, 'Call the shelter with Lena');
    await sync.getByText('All changes saved').waitFor();
    // The plan just made is the newest CarePlan on the server.
    const [plan] = await search(fhir.baseUrl, 'CarePlan?_sort=-_lastUpdated&_count=1');
    assert.ok(plan && Date.now() - Date.parse(plan.meta.lastUpdated) < 60_000, 'the plan is on the server');

    await context.setOffline(true);
    const editor = page.locator('ck-care-plan-editor');
    // A goal's progress form is collapsed behind "Add progress note for: <goal>" until asked for.
    await editor.getByRole('button', { name: /^Add progress note for: / }).first().click();
    await editor.getByLabel('Progress note', { exact: true }).first().fill('Left a message for Lena at the shelter');
    await editor.getByRole('button', { name: 'Add progress note', exact: true }).first().click();
    await editor.getByText('Left a message for Lena at the shelter').waitFor();
    await sync.getByText(/^Offline — \d+ changes? waiting to be sent$/).waitFor();
    await page.locator('#close-case').click();
    await completeIntake(page, { given: 'Omar', family: 'Haddad' });
    await page.locator('#case-heading', { hasText: 'Omar Haddad' }).waitFor();

    // The EHR edits the same plan on the server meanwhile.
    const current = (await search(fhir.baseUrl, `CarePlan?_id=${plan.id}`))[0];
    const edited = await fetch(`${fhir.baseUrl}/CarePlan/${plan.id}`, {
      method: 'PUT',
      headers: { ...FHIR_JSON, 'if-match': `W/"${current.meta.versionId}"` },
      body: JSON.stringify({ ...current, title: 'Plan reviewed in the EHR' }),
    });
    assert.equal(edited.status, 200);

    // Reload with the network back but the FHIR server still unreachable: the work is on this device.
    const fhirOrigin = new URL(fhir.baseUrl).origin;
    await context.route((url) => url.origin === fhirOrigin, (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await sync.getByText(/^Offline — \d+ changes? waiting to be sent$/).waitFor();
    const board = page.locator('ck-caseload-board');
    await board.getByLabel('Search').fill('park lena');
    await board.locator('[part~="card"]', { hasText: 'Lena Park' }).click();
    await editor.getByText('Left a message for Lena at the shelter').waitFor();

    // Back online: the next poll sends the queue; the plan meets the EHR's edit.
    await context.unrouteAll();
    await sync.getByText('1 change needs your choice').waitFor({ timeout: 15_000 });
    const patients = await search(fhir.baseUrl, 'Patient?_count=100');
    assert.ok(patients.some((p) => p.name?.[0]?.family === 'Haddad'), 'the offline intake reached the server');
    const onServer = (await search(fhir.baseUrl, `CarePlan?_id=${plan.id}`))[0];
    assert.equal(onServer.title, 'Plan reviewed in the EHR', "the EHR's edit was not overwritten");

    await sync.getByRole('button', { name: 'Review 1 conflict' }).click();
    const conflict = sync.locator('[part~="conflict"]');
    await conflict.getByText('Someone else changed this while you were offline', { exact: false }).waitFor();
    assert.deepEqual(await conflict.locator('tbody tr', { hasText: 'title' }).locator('td').allTextContents(), ['Care plan', 'Plan reviewed in the EHR']);
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await sync.getByText('All changes saved').waitFor({ timeout: 15_000 });
    const resources = [...(await search(fhir.baseUrl, `CarePlan?_id=${plan.id}`)), ...(await search(fhir.baseUrl, 'Goal?_count=100'))];
    assert.ok(JSON.stringify(resources).includes('Left a message for Lena at the shelter'), 'my progress note is on the server now');
    // The browser logs each request that could not go out, the replay's 412, and the 404 of a read that
    // asks whether a record made offline is on the server yet; anything else is a bug.
    assert.deepEqual(page.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|status of (412|404)/.test(e)), []);
    await context.close();
  });
});

import { aTimeout, expect, waitUntil } from '@open-wc/testing';

/**
 * Every element, rendered and used, in a document under a strict CSP that enforces Trusted Types with
 * one allowed policy, Lit's `lit-html`:
 *
 *   default-src 'self'; script-src 'self' 'nonce-…'; style-src 'self'; object-src 'none';
 *   base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html
 *
 * The page is an iframe (`srcdoc`) with the policy in a `<meta>`, so the test runner's own page keeps
 * its scripts. Everything casekit runs — elements, core, zod, the memory storage — is loaded inside
 * the iframe, so all of it runs under the policy. A nonce'd first script listens for
 * `securitypolicyviolation`; the test fails on any violation and on any uncaught error. zod's `jitless`
 * is deliberately not set: casekit's zod/mini schemas must never reach `new Function`.
 */

const NONCE = 'ck-trusted-types-test';
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'nonce-${NONCE}'`,
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** Runs first: records violations and errors. */
const WATCH = `
  window.__violations = [];
  window.__errors = [];
  window.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile + ':' + e.lineNumber });
  }, true);
  window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason && (e.reason.stack || e.reason))));
`;

/**
 * The casekit page: the elements from their sources (the dev server compiles and resolves them, as
 * for every test), and a small world — María García's active case with housing and food needs, a
 * draft care plan, a referral sent with consent, and the demo's service directory.
 */
const SETUP = `
  import '/packages/elements/src/define.ts';
  import { createTestSetup, PERSONAS, seedDirectory } from '/packages/core/src/testing/index.ts';

  const setup = createTestSetup();
  const manager = setup.manager;
  await seedDirectory(setup.as(PERSONAS.supervisor));
  const { client } = await manager.clients.create({ name: { given: ['María'], family: 'García' }, birthDate: '1984-03-12', language: 'es' });
  const opened = await manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const caseRecord = await manager.cases.identifyNeeds(opened, ['housing', 'food']);
  await manager.plans.create(caseRecord.id, { title: 'Housing and food plan' });
  const service = (await manager.directory.searchServices({ text: 'rapid rehousing' }))[0].service;
  await manager.consents.record({
    clientId: client.id,
    scope: 'share-with-provider',
    grantee: { organizationId: service.organizationId, name: 'Harbor Housing Partners' },
    purpose: 'Referral for housing',
    source: 'written',
  });
  const referral = await manager.referrals.create({ caseId: caseRecord.id, reason: 'Rent arrears', service: { serviceId: service.id }, send: true });

  document.querySelector('ck-provider').manager = manager;
  document.querySelector('ck-care-plan-editor').setAttribute('case-id', caseRecord.id);
  document.querySelector('ck-referral-tracker').setAttribute('case-id', caseRecord.id);

  window.__casekit = {
    referralId: referral.id,
    /** Things the policy must refuse: proves it is in force and that violations are seen. */
    probe() {
      const out = {};
      try {
        document.createElement('div').innerHTML = '<b>not trusted</b>';
        out.innerHTML = 'allowed';
      } catch (e) {
        out.innerHTML = e.name;
      }
      try {
        trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });
        out.secondLitPolicy = 'allowed';
      } catch (e) {
        out.secondLitPolicy = e.name;
      }
      try {
        trustedTypes.createPolicy('some-other-policy', { createHTML: (s) => s });
        out.otherPolicy = 'allowed';
      } catch (e) {
        out.otherPolicy = e.name;
      }
      return out;
    },
  };
  document.body.dataset.ready = 'true';
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <title>casekit under Trusted Types</title>
    <link rel="stylesheet" href="/packages/elements/src/themes/default.css" />
    <script nonce="${NONCE}">${WATCH}</script>
    <script type="module" nonce="${NONCE}">${SETUP}</script>
  </head>
  <body>
    <main>
      <ck-provider>
        <ck-caseload-summary heading-level="2" from="2026-11-01" to="2026-11-30"></ck-caseload-summary>
        <ck-caseload-board heading-level="2" today="2026-11-24"></ck-caseload-board>
        <ck-care-plan-editor today="2026-11-24"></ck-care-plan-editor>
        <ck-referral-tracker heading-level="2"></ck-referral-tracker>
        <ck-intake-form questionnaire-id="phq-9" draft-key="trusted-types"></ck-intake-form>
      </ck-provider>
    </main>
  </body>
</html>`;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}
interface FrameWindow extends Window {
  __violations: Violation[];
  __errors: string[];
  __casekit?: { referralId: string; probe(): Record<string, string> };
}
type Loading = HTMLElement & { loadComplete: Promise<void>; updateComplete: Promise<boolean> };

describe('Trusted Types and a strict CSP', () => {
  let frame: HTMLIFrameElement;
  let win: FrameWindow;
  let doc: Document;
  const el = (tag: string) => doc.querySelector<Loading>(tag)!;
  const inside = <T extends HTMLElement = HTMLElement>(tag: string, selector: string) => el(tag).shadowRoot!.querySelector<T>(selector);
  const settled = async () => {
    await aTimeout(0);
    for (const tag of ['ck-caseload-summary', 'ck-caseload-board', 'ck-care-plan-editor', 'ck-referral-tracker', 'ck-intake-form']) await el(tag).loadComplete;
  };
  /** Violation events are fired from a queued task, not synchronously: give them time to arrive. */
  const violationsReported = () => aTimeout(100);
  const input = (field: HTMLInputElement | HTMLSelectElement, value: string) => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  before(async function () {
    this.timeout(60_000);
    frame = document.createElement('iframe');
    frame.title = 'casekit under Trusted Types';
    frame.style.width = '1200px';
    frame.style.height = '900px';
    frame.srcdoc = PAGE;
    document.body.append(frame);
    await waitUntil(() => frame.contentDocument?.body?.dataset['ready'] === 'true' || (frame.contentWindow as FrameWindow | null)?.__errors?.length, 'the page set up', { timeout: 50_000 });
    win = frame.contentWindow as FrameWindow;
    doc = frame.contentDocument!;
    expect(win.__errors).to.deep.equal([]);
    await settled();
  });

  after(() => frame?.remove());

  it('renders every element with no violation', async () => {
    expect(inside('ck-caseload-board', '[part~="card"]')).to.exist;
    expect(inside('ck-caseload-summary', 'table')).to.exist;
    expect(inside('ck-care-plan-editor', '#plan-title')!.textContent).to.contain('Housing and food plan');
    expect(inside('ck-referral-tracker', `[data-referral="${win.__casekit!.referralId}"]`)).to.exist;
    expect(inside('ck-intake-form', '[data-link-id="phq9-1"]')).to.exist;
    await violationsReported();
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('stays free of violations while the elements are used', async function () {
    this.timeout(60_000);
    // Board: search, the list view and back.
    input(inside<HTMLInputElement>('ck-caseload-board', '[part~="search"]')!, 'garc');
    await waitUntil(() => inside('ck-caseload-board', '[part~="card"]'), 'searched');
    inside('ck-caseload-board', '[data-view="list"]')!.click();
    await settled();
    inside('ck-caseload-board', '[data-view="board"]')!.click();
    await settled();

    // Care plan: add a suggested goal, show the client's printable copy and come back.
    inside('ck-care-plan-editor', '[part~="suggestion"][data-need="housing"] button')!.click();
    await waitUntil(() => inside('ck-care-plan-editor', '[part~="goal"]'), 'goal added');
    await settled();
    (el('ck-care-plan-editor') as Loading & { view: string }).view = 'print';
    await el('ck-care-plan-editor').updateComplete;
    expect(inside('ck-care-plan-editor', '[part~="print"]')).to.exist;
    (el('ck-care-plan-editor') as Loading & { view: string }).view = 'edit';
    await settled();

    // Referral tracker: open the cancel dialog, type a reason, close it.
    const tracker = <T extends HTMLElement = HTMLElement>(selector: string) => inside<T>('ck-referral-tracker', selector);
    tracker(`[data-referral="${win.__casekit!.referralId}"] [data-action="cancelled"]`)!.click();
    await el('ck-referral-tracker').updateComplete;
    expect(tracker('dialog')!.hasAttribute('open')).to.equal(true);
    input(tracker<HTMLInputElement>('dialog [name="reason"]')!, 'Found housing elsewhere');
    tracker('dialog .dialog-actions .ck-button:not([type="submit"])')!.click();
    await settled();

    // Intake form: a client, the nine answers, a submit, and the confirmation (with a possible duplicate).
    const form = el('ck-intake-form') as Loading & { submit(): Promise<unknown> };
    const client = (key: string) => inside<HTMLInputElement>('ck-intake-form', `[data-client="${key}"]`)!;
    input(client('client.given'), 'Maria');
    input(client('client.family'), 'Garcia');
    input(client('client.birthDate'), '1984-03-12');
    input(inside<HTMLSelectElement>('ck-intake-form', '[data-client="case.program"]')!, 'behavioral-health');
    for (let i = 1; i <= 9; i++) inside<HTMLInputElement>('ck-intake-form', `[data-link-id="phq9-${i}"] input[value="1"]`)!.click();
    await form.updateComplete;
    expect(await form.submit()).to.exist;
    await form.updateComplete;
    expect(inside('ck-intake-form', '[part~="confirmation"]')).to.exist;
    await settled();

    // Language and direction at run time: every element re-renders.
    doc.documentElement.lang = 'es';
    doc.documentElement.dir = 'rtl';
    await waitUntil(() => inside('ck-caseload-board', '.root')?.getAttribute('dir') === 'rtl', 'switched to Spanish, right to left');
    await settled();
    doc.documentElement.dir = 'ltr';
    doc.documentElement.lang = 'en';
    await settled();

    await violationsReported();
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('is really under the policy: untrusted HTML, a second lit-html policy and other policies are refused', async () => {
    // Last, because these are violations on purpose: they show the listener hears what the policy refuses.
    expect(win.__violations).to.deep.equal([]);
    // Lit created `lit-html` at start-up, so a second one is refused (no 'allow-duplicates').
    expect(win.__casekit!.probe()).to.deep.equal({ innerHTML: 'TypeError', secondLitPolicy: 'TypeError', otherPolicy: 'TypeError' });
    await violationsReported();
    const directives = win.__violations.map((v) => v.directive);
    expect(directives).to.include('require-trusted-types-for');
    expect(directives.filter((d) => d === 'trusted-types')).to.have.length(2);
  });
});

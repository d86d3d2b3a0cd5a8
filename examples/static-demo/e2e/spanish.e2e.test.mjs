import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { STRINGS } from '../src/strings.js';
import { axeViolations, openDemo, startDemo } from './harness.mjs';

/** Plain string literals of a translation table source (templates with ${} are left out). */
async function literals(path) {
  const source = await readFile(new URL(path, import.meta.url), 'utf8');
  return new Set([...source.matchAll(/'((?:[^'\\\n]|\\.){3,})'/g)].map((m) => m[1].replace(/\\'/g, "'")));
}

/** UI strings that exist only in English: any of them on a Spanish page is an untranslated string. */
async function englishOnlyStrings() {
  const en = await literals('../../../packages/elements/src/translations/en.ts');
  const es = await literals('../../../packages/elements/src/translations/es.ts');
  for (const value of Object.values(STRINGS.en)) if (typeof value === 'string') en.add(value);
  for (const value of Object.values(STRINGS.es)) if (typeof value === 'string') es.add(value);
  // Words that read the same in both languages (e.g. "Total", "Social") are not evidence of English.
  return [...en].filter((text) => !es.has(text) && /[a-z]{3}/i.test(text) && text.includes(' ') || (!es.has(text) && /^[A-Z][a-z]{3,}$/.test(text)));
}

/** Everything a person sees or hears on the page: text and accessible labels, across shadow roots. */
function pageText() {
  const out = [];
  const walk = (root) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.closest('script, style, [hidden]')) continue;
      // Text marked as another language (e.g. "English" in the language picker) is meant to be so.
      if (node.closest('[lang]') && !node.closest('[lang]').lang.startsWith('es')) continue;
      for (const attribute of ['aria-label', 'placeholder', 'title']) if (node.getAttribute(attribute)) out.push(node.getAttribute(attribute));
      for (const child of node.childNodes) if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) out.push(child.textContent.trim());
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(document);
  return out;
}

describe('Spanish UI', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('shows no English UI strings on the board, a case, and the intake form', async () => {
    const english = await englishOnlyStrings();
    assert.ok(english.length > 100, `found ${english.length} English-only strings to look for`);
    const context = await demo.browser.newContext({ locale: 'es-ES' });
    const page = await openDemo(context, demo.url);
    await page.locator('#language').selectOption('es');
    const check = async (view) => {
      const seen = await page.evaluate(pageText);
      const leaks = english.filter((text) => seen.some((s) => s === text || s.includes(text) && text.length > 12));
      assert.deepEqual(leaks, [], `English in the ${view} view`);
      assert.deepEqual(await axeViolations(page), [], `axe in the ${view} view`);
    };
    await page.locator('ck-caseload-board').getByText('Activo').first().waitFor();
    await check('board');
    await page.locator('ck-caseload-board [part~="card"]').first().click();
    await page.locator('#case-view:not([hidden])').waitFor();
    await page.locator('ck-care-plan-editor').evaluate((el) => el.loadComplete);
    await page.locator('ck-referral-tracker').evaluate((el) => el.loadComplete);
    await check('case');
    await page.getByRole('button', { name: 'Nueva admisión' }).click();
    await page.locator('ck-intake-form').evaluate((el) => el.loadComplete);
    await check('intake');
    await context.close();
  });

  it('says the status line in the language switched to, also a message shown before the switch', async () => {
    const context = await demo.browser.newContext({ locale: 'en-US' });
    const page = await openDemo(context, demo.url);
    const status = page.locator('#status');
    await page.waitForFunction(() => /ready/.test(document.querySelector('#status').textContent));
    const cases = (await status.textContent()).match(/ready: ([\d,]+) cases/)[1];
    await page.locator('#language').selectOption('es');
    const inSpanish = new Intl.NumberFormat('es').format(Number(cases.replace(/,/g, '')));
    assert.equal(await status.textContent(), `Casos de demostración listos: ${inSpanish} casos.`);
    // A number chosen in the summary is named in the status line; it follows the switch back and forth.
    await page.locator('ck-caseload-summary [data-select="openCases"]').click();
    const chosen = await status.textContent();
    assert.match(chosen, /^Casos asignados: \d+ casos? abiertos? \(\d+\)\.$/);
    await page.locator('#language').selectOption('en');
    assert.match(await status.textContent(), /^Caseload: \d+ open cases? \(\d+\)\.$/);
    await page.locator('#language').selectOption('es');
    assert.equal(await status.textContent(), chosen);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

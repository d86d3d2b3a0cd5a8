/*
 * <ck-intake-form> with a 500-item questionnaire, in headless Chromium. Reports numbers; asserts nothing.
 *
 *   pnpm exec wtr --config packages/devtools/web-test-runner.config.mjs --static-logging \
 *     --files packages/elements/bench/intake-form.bench.ts
 *
 * Budgets (issue #4): first render <= 300 ms, keystroke to updated view <= 50 ms.
 * "First render" = element created and connected -> first update committed and laid out.
 * "Keystroke" = `input` event dispatched -> evaluation, re-render and layout done.
 */
import { evaluateResponse, visibleItems, type Item, type QuestionnaireDefinition } from '@casekit/core';
import { createTestSetup } from '@casekit/core/testing';
import '../src/components/intake-form/intake-form.js';
import type { CkIntakeForm } from '../src/components/intake-form/intake-form.component.js';

function bigDefinition(): QuestionnaireDefinition {
  const items: Item[] = [];
  let count = 0;
  const options = ['never', 'sometimes', 'often', 'always'].map((code, i) => ({ code, display: { en: `Option ${code}`, es: `Opción ${code}` }, score: i }));
  for (let g = 0; g < 20; g++) {
    const children: Item[] = [];
    for (let i = 0; i < 24; i++) {
      const linkId = `g${g}-q${i}`;
      const text = { en: `Question ${g}.${i}: how would you describe this part of your situation?`, es: `Pregunta ${g}.${i}` };
      const kind = i % 6;
      const enableWhen = i % 12 === 6 ? [{ question: `g${g}-q${i - 1}`, operator: '=' as const, answer: true }] : undefined;
      const base = { linkId, text, ...(enableWhen ? { enableWhen } : {}) };
      if (kind === 0) children.push({ ...base, type: 'string', required: i === 0, maxLength: 200 });
      else if (kind === 1) children.push({ ...base, type: 'choice', options });
      else if (kind === 2) children.push({ ...base, type: 'integer', min: 0, max: 100 });
      else if (kind === 3) children.push({ ...base, type: 'multi-choice', options });
      else if (kind === 4) children.push({ ...base, type: 'date' });
      else children.push({ ...base, type: 'boolean' });
      count++;
    }
    items.push({ linkId: `g${g}`, type: 'group', text: { en: `Section ${g}`, es: `Sección ${g}` }, items: children });
    count++;
  }
  items.push({
    linkId: 'people',
    type: 'group',
    repeats: true,
    text: 'People',
    items: Array.from({ length: 6 }, (_, i): Item => ({ linkId: `p-${i}`, type: 'string', text: `Person field ${i}` })),
  });
  count += 7;
  items.unshift({ linkId: 'intro', type: 'display', text: `A ${count + 1}-item questionnaire.` });
  return {
    id: 'bench-500',
    version: '1.0.0',
    title: 'Bench',
    items,
    scoring: [{ id: 'total', label: 'Total', items: items.flatMap((it) => (it.type === 'group' ? it.items : [])).filter((it) => it.type === 'choice').map((it) => it.linkId), method: 'sum' }],
  };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +s[s.length - 1]!.toFixed(1) };
};
const frame = () => new Promise((r) => setTimeout(r, 0));

describe('bench: ck-intake-form, 500 items', () => {
  it('measures first render and keystroke latency', async function () {
    this.timeout(120_000);
    const definition = bigDefinition();
    const countItems = (list: Item[]): number => list.reduce((n, it) => n + 1 + (it.type === 'group' ? countItems(it.items) : 0), 0);
    const itemCount = countItems(definition.items);

    // Answers with 3 people so repeats are part of every evaluation.
    const people = ['a', 'b', 'c'].map((id) => ({ instanceId: `people-${id}`, answers: { 'p-0': `Person ${id}` } }));

    // Warm-up (module compile, JIT, definition compile is cached per object like in a real app).
    evaluateResponse(definition, { people });

    const core: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      evaluateResponse(definition, { people, 'g3-q0': `x${i}` });
      visibleItems(definition, { people, 'g3-q0': `x${i}` });
      core.push(performance.now() - t0);
    }

    const firstRender: number[] = [];
    const firstRenderWithManager: number[] = [];
    for (let run = 0; run < 6; run++) {
      for (const withManager of [false, true]) {
        const setup = createTestSetup({ questionnaires: [definition] });
        const t0 = performance.now();
        const el = document.createElement('ck-intake-form') as CkIntakeForm;
        if (withManager) el.manager = setup.manager;
        el.draftKey = `bench-${run}`;
        el.definition = definition;
        el.answers = { people };
        document.body.append(el);
        await el.loadComplete;
        el.getBoundingClientRect(); // layout
        (withManager ? firstRenderWithManager : firstRender).push(performance.now() - t0);
        el.remove();
        await frame();
      }
    }

    // Keystrokes into a text field in the middle of the form.
    const setup = createTestSetup({ questionnaires: [definition] });
    const el = document.createElement('ck-intake-form') as CkIntakeForm;
    el.manager = setup.manager;
    el.draftKey = 'bench-keys';
    el.definition = definition;
    document.body.append(el);
    await el.loadComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[data-key="g10-q12"]')!;
    const keystrokes: number[] = [];
    let text = '';
    for (let i = 0; i < 60; i++) {
      text += 'abcdefghij'[i % 10];
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      el.getBoundingClientRect();
      keystrokes.push(performance.now() - t0);
      await frame();
    }
    // A change that shows/hides items (enableWhen) and moves scores.
    const toggles: number[] = [];
    for (let i = 0; i < 20; i++) {
      const radio = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[data-key="g5-q5"]')][i % 2]!;
      const t0 = performance.now();
      radio.click();
      await el.updateComplete;
      el.getBoundingClientRect();
      toggles.push(performance.now() - t0);
      await frame();
    }
    await el.flushDraft();
    const domNodes = el.shadowRoot!.querySelectorAll('*').length;
    el.remove();

    console.log(
      JSON.stringify(
        {
          items: itemCount,
          domNodes,
          'core evaluateResponse+visibleItems per edit (ms)': stats(core),
          'first render, no manager (ms)': stats(firstRender),
          'first render, with manager + draft lookup (ms)': stats(firstRenderWithManager),
          'keystroke -> updated view (ms)': stats(keystrokes),
          'enableWhen toggle -> updated view (ms)': stats(toggles),
        },
        null,
        2,
      ),
    );
  });
});

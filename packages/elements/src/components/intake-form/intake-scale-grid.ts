import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { localizedText, type Answers, type ChoiceItem, type Item } from '@casekit/core';
import { fieldId, type ItemRenderContext } from './intake-items.js';

// A run of questions answered on one scale (PHQ-9's nine "Not at all … Nearly every day" items) is a
// table: rows are questions, columns the answers, one native radio group per row. As a stacked list it
// was 36 radio buttons; narrow containers still get the stack (see `.scale` in the styles).

/** Fewest questions in a row that make a grid. */
const MIN_ROWS = 2;

/** A question a grid row can show: a single-answer choice shown as radio buttons, nothing nested or computed. */
function gridable(item: Item, key: string, ctx: ItemRenderContext): item is ChoiceItem {
  return (
    item.type === 'choice' &&
    !item.repeats &&
    !item.readOnly &&
    !item.hidden &&
    !item.items?.length &&
    item.options.length >= 2 &&
    item.options.length <= ctx.selectThreshold &&
    !ctx.calculated.has(key)
  );
}

/** The scale a question answers on: the same codes with the same labels make the same columns. */
const scaleOf = (item: ChoiceItem): string => JSON.stringify(item.options.map((o) => [o.code, o.display]));

export type ItemRun = { kind: 'item'; item: Item } | { kind: 'scale'; items: ChoiceItem[] };

/** Splits one level's items into single items and runs of visible questions sharing a scale. */
export function scaleRuns(items: readonly Item[], prefix: string, ctx: ItemRenderContext): ItemRun[] {
  const out: ItemRun[] = [];
  let run: ChoiceItem[] = [];
  const flush = () => {
    if (run.length >= MIN_ROWS) out.push({ kind: 'scale', items: run });
    else for (const item of run) out.push({ kind: 'item', item });
    run = [];
  };
  for (const item of items) {
    const key = prefix + encodeURIComponent(item.linkId);
    // Items hidden by enableWhen render nothing: they neither break a run nor join it.
    if (!ctx.visible.has(key)) continue;
    if (gridable(item, key, ctx) && (!run.length || scaleOf(run[0]!) === scaleOf(item))) {
      run.push(item);
      continue;
    }
    flush();
    if (gridable(item, key, ctx)) run.push(item);
    else out.push({ kind: 'item', item });
  }
  flush();
  return out;
}

/** The grid of one run; `key` of a row is the question's key, as for any other question. */
export function renderScaleGrid(items: readonly ChoiceItem[], prefix: string, map: Answers | undefined, ctx: ItemRenderContext): TemplateResult {
  const { t, lang } = ctx.localize;
  const first = prefix + encodeURIComponent(items[0]!.linkId);
  const columnId = (i: number) => `sc-${first}-${i}`;
  const options = items[0]!.options;
  return html`<div class="scale" part="scale-grid">
    <table class="scale-table" @keydown=${onScaleKeydown}>
      <thead>
        <tr>
          <td></td>
          ${options.map((o, i) => html`<th scope="col" id=${columnId(i)}>${localizedText(o.display, lang)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${items.map((item) => {
          const key = prefix + encodeURIComponent(item.linkId);
          const value = map?.[item.linkId];
          const error = ctx.errorFor(key);
          const help = localizedText(item.helpText, lang);
          const describedBy = [help ? `h-${key}` : '', error ? `e-${key}` : ''].filter(Boolean).join(' ') || undefined;
          return html`<tr class="scale-row" part="question scale-row" data-type="choice" data-link-id=${item.linkId}>
            <th scope="row">
              <span part="label" id=${`l-${key}`}>${localizedText(item.text, lang)}</span>${item.required ? html` <span class="req">(${t.common.required})</span>` : nothing}
              ${help ? html`<p class="help" part="help" id=${`h-${key}`}>${help}</p>` : nothing}
              ${error ? html`<p class="error" part="field-error" id=${`e-${key}`}>${error}</p>` : nothing}
            </th>
            ${options.map(
              (o, i) => html`<td>
                <label class="option">
                  <input
                    type="radio"
                    id=${i === 0 ? fieldId(key) : `${fieldId(key)}~${i}`}
                    name=${key}
                    data-key=${key}
                    .value=${o.code}
                    .checked=${live(value === o.code)}
                    aria-labelledby=${`${columnId(i)} l-${key}`}
                    aria-describedby=${ifDefined(describedBy)}
                    aria-invalid=${error ? 'true' : 'false'}
                    ?disabled=${ctx.disabled}
                  />
                  <span class="scale-option-text" aria-hidden="true">${localizedText(o.display, lang)}</span>
                </label>
              </td>`,
            )}
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

/**
 * Arrow keys move along a row and choose, as in any radio group, and never leave the row (Left and
 * Right follow the reading direction). Done here rather than left to the browser so the row is the
 * whole group whatever the table around it.
 */
function onScaleKeydown(event: KeyboardEvent): void {
  const radio = event.composedPath()[0];
  if (!(radio instanceof HTMLInputElement) || radio.type !== 'radio') return;
  const forward = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  if (!forward) return;
  const row = radio.closest('tr');
  if (!row) return;
  const radios = [...row.querySelectorAll<HTMLInputElement>('input[type="radio"]:not(:disabled)')];
  const rtl = getComputedStyle(row).direction === 'rtl' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight');
  const step = rtl ? -forward : forward;
  const next = radios[(radios.indexOf(radio) + step + radios.length) % radios.length];
  if (!next) return;
  event.preventDefault();
  next.checked = true;
  next.focus();
  next.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

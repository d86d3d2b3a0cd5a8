import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { instancesOf, localizedText, type AnswerValue, type Answers, type ChoiceItem, type GroupItem, type Item, type QuestionItem, type VisibleItem } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { renderDateHint } from '../../internal/date-hint.js';
import { answerText, choiceInputText, dateTimeInputValue, isListQuestion, unitLabel } from './intake-values.js';
import { renderScaleGrid, scaleRuns } from './intake-scale-grid.js';

/** Id of a question's control (the error summary links to it). */
export const fieldId = (key: string): string => `q-${key}`;

/** Text typed into a number field: '' -> no answer; a number -> the number; anything else stays text (core reports it). */
export function parseNumber(raw: string): number | string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const normalized = text.includes('.') ? text : text.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized) ? Number(normalized) : text;
}

/** What the item templates read from the form and call back into it. */
export interface ItemRenderContext {
  readonly localize: LocalizeController;
  /** Visible items by key (core's `visibleItems`): anything not in it is hidden by enableWhen. */
  readonly visible: ReadonlyMap<string, VisibleItem>;
  /** Number fields as typed ("1,5"), shown while they still mean the stored answer. */
  readonly rawText: ReadonlyMap<string, string>;
  /** Every control is disabled (the `disabled` property, a disabled host form, or a submit in progress). */
  readonly disabled: boolean;
  readonly selectThreshold: number;
  /** Keys of items whose answer an expression calculates: shown read-only, updated as the user types. */
  readonly calculated: ReadonlySet<string>;
  /** The problem to show beside `key`, if any (after a touch or a submit attempt). */
  errorFor(key: string): string | undefined;
  addEntry(groupKey: string): void;
  removeEntry(groupKey: string, instanceId: string): void;
  /** Removes one answer of a question that takes several. */
  removeAnswer(key: string, index: number): void;
}

/**
 * Items of one level; `prefix` builds the same keys as core's `visibleItems` (`household/<instance id>/age`),
 * so entries of a repeating group keep their controls by stable instance id.
 */
export function renderItems(items: readonly Item[], prefix: string, map: Answers | undefined, ctx: ItemRenderContext): TemplateResult {
  return html`${repeat(
    scaleRuns(items, prefix, ctx),
    (run) => (run.kind === 'item' ? run.item.linkId : `scale:${run.items[0]!.linkId}`),
    (run) => (run.kind === 'item' ? renderItem(run.item, prefix, map, ctx) : renderScaleGrid(run.items, prefix, map, ctx)),
  )}`;
}

function renderItem(item: Item, prefix: string, map: Answers | undefined, ctx: ItemRenderContext): unknown {
  // Core escapes each part of a key, so a linkId such as LOINC's `/44249-1` is one part.
  const key = prefix + encodeURIComponent(item.linkId);
  const vi = ctx.visible.get(key);
  // `hidden` (FHIR questionnaire-hidden) items are never shown, though they may be calculated.
  if (!vi || item.hidden) return nothing;
  const { lang, t } = ctx.localize;
  if (item.type === 'display') {
    return guard([item, lang], () => html`<p class="display" part="display">${localizedText(item.text, lang)}</p>`);
  }
  if (item.type === 'group') return item.repeats ? renderRepeat(item, key, map, ctx) : renderGroup(item, key, prefix, map, ctx);
  const value = map?.[item.linkId];
  const error = ctx.errorFor(key);
  const disabled = ctx.disabled;
  const calculated = ctx.calculated.has(key);
  const raw = ctx.rawText.get(key);
  // Long questionnaires re-render on every keystroke: only questions whose inputs changed render again.
  const question = guard([item, value, error, lang, t, disabled, ctx.selectThreshold, calculated, raw], () => renderQuestion(item, key, value, error, disabled, calculated, ctx));
  // Items nested under a question (FHIR item.item) follow it, indented; they answer in the same map.
  if (!item.items?.length) return question;
  return html`${question}<div class="nested" part="nested">${renderItems(item.items, prefix, map, ctx)}</div>`;
}

function renderGroup(item: GroupItem, key: string, prefix: string, map: Answers | undefined, ctx: ItemRenderContext): TemplateResult {
  const lang = ctx.localize.lang;
  const error = ctx.errorFor(key);
  const help = localizedText(item.helpText, lang);
  return html`<fieldset class="group" part="group" id=${fieldId(key)} tabindex="-1" aria-describedby=${ifDefined(error ? `e-${key}` : help ? `h-${key}` : undefined)}>
    <legend part="label">${localizedText(item.text, lang)}</legend>
    ${help ? html`<p class="help" part="help" id=${`h-${key}`}>${help}</p>` : nothing}
    ${error ? html`<p class="error" part="field-error" id=${`e-${key}`}>${error}</p>` : nothing}
    ${renderItems(item.items, prefix, map, ctx)}
  </fieldset>`;
}

/** A repeating group: one fieldset per entry (keyed by instance id), a remove button each, and an add button. */
function renderRepeat(item: GroupItem, key: string, map: Answers | undefined, ctx: ItemRenderContext): TemplateResult {
  const { t, lang } = ctx.localize;
  const tf = t.intakeForm;
  const label = localizedText(item.text, lang);
  const help = localizedText(item.helpText, lang);
  const error = ctx.errorFor(key);
  const instances = instancesOf(map, item.linkId);
  const full = item.maxRepeats !== undefined && instances.length >= item.maxRepeats;
  const disabled = ctx.disabled;
  const describedBy = [help ? `h-${key}` : '', error ? `e-${key}` : '', full ? `m-${key}` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="group repeat" part="repeat" data-key=${key}>
    <legend part="label">${label}${item.required ? html` <span class="req">(${t.common.required})</span>` : nothing}</legend>
    ${help ? html`<p class="help" part="help" id=${`h-${key}`}>${help}</p>` : nothing}
    ${repeat(
      instances,
      (instance) => instance.instanceId,
      (instance, index) => {
        const instanceKey = `${key}/${encodeURIComponent(instance.instanceId)}`;
        const instanceLabel = tf.instanceLabel(label, ctx.localize.number(index + 1));
        return html`<fieldset class="instance" part="instance" id=${`i-${instanceKey}`} tabindex="-1" data-instance=${instance.instanceId}>
          <legend>${instanceLabel}</legend>
          ${renderItems(item.items, `${instanceKey}/`, instance.answers, ctx)}
          <div class="instance-actions">
            <button type="button" class="ck-button danger" part="remove-button" ?disabled=${disabled} @click=${() => ctx.removeEntry(key, instance.instanceId)}>
              ${tf.removeInstance(instanceLabel)}
            </button>
          </div>
        </fieldset>`;
      },
    )}
    ${error ? html`<p class="error" part="field-error" id=${`e-${key}`}>${error}</p>` : nothing}
    ${full ? html`<p class="hint" id=${`m-${key}`}>${tf.maxInstances(ctx.localize.number(item.maxRepeats!))}</p>` : nothing}
    <div>
      <button
        type="button"
        class="ck-button"
        part="add-button"
        id=${fieldId(key)}
        aria-describedby=${ifDefined(describedBy || undefined)}
        ?disabled=${disabled || full}
        @click=${() => ctx.addEntry(key)}
      >
        ${tf.addInstance(label)}
      </button>
    </div>
  </fieldset>`;
}

/** A question of any answerable type: text, number, date, choice (radios or a list box), multi-choice, boolean. */
function renderQuestion(
  item: QuestionItem,
  key: string,
  value: AnswerValue | undefined,
  error: string | undefined,
  disabled: boolean,
  calculated: boolean,
  ctx: ItemRenderContext,
): TemplateResult {
  const { t, lang } = ctx.localize;
  const tf = t.intakeForm;
  const id = fieldId(key);
  const label = localizedText(item.text, lang);
  const help = localizedText(item.helpText, lang);
  const helpId = help ? `h-${key}` : '';
  const errorId = error ? `e-${key}` : '';
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const required = item.required === true;
  const req = required ? html` <span class="req">(${t.common.required})</span>` : nothing;
  const helpTpl = help ? html`<p class="help" part="help" id=${helpId}>${help}</p>` : nothing;
  const errorTpl = error ? html`<p class="error" part="field-error" id=${errorId}>${error}</p>` : nothing;
  const invalid = error ? 'true' : 'false';
  const choices: ChoiceParts = { key, label, req, helpTpl, errorTpl, describedBy, invalid, required, disabled, lang };

  const textual = (control: TemplateResult) =>
    html`<div class="question" part="question" data-type=${item.type} data-link-id=${item.linkId}>
      <label part="label" for=${id}>${label}${req}</label>${helpTpl}${control}${errorTpl}
    </div>`;

  if (calculated || item.readOnly) {
    // A live region: a screen reader hears the new total as the answers it depends on change.
    const text = answerText(item, value, ctx.localize);
    return html`<div class="question readonly" part="question" data-type=${item.type} data-link-id=${item.linkId}>
      <span part="label" id=${`l-${key}`}>${label}</span>${helpTpl}
      <output part="calculated" id=${id} tabindex="-1" aria-labelledby=${`l-${key}`} aria-describedby=${ifDefined(describedBy)} aria-live="polite">${text || tf.noValue}</output>
      ${calculated ? html`<span class="hint" part="calculated-hint">${tf.calculated}</span>` : nothing}
      ${errorTpl}
    </div>`;
  }
  if (isListQuestion(item)) return renderAnswerList(item, key, value, choices, ctx);
  const unit = unitLabel(item);
  const unitId = unit ? `u-${key}` : '';
  const withUnit = [describedBy, unitId].filter(Boolean).join(' ') || undefined;
  const unitTpl = unit ? html`<span class="unit" part="unit" id=${unitId}>${unit}</span>` : nothing;

  switch (item.type) {
    case 'string':
      return textual(
        html`<input type="text" part="control" id=${id} data-key=${key} autocomplete="off" .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
      );
    case 'text':
      return textual(
        html`<textarea part="control" id=${id} data-key=${key} .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled}></textarea>`,
      );
    case 'url':
      return textual(
        html`<input type="url" part="control" id=${id} data-key=${key} autocomplete="url" .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
      );
    case 'integer':
    case 'decimal':
      return textual(
        html`<span class="with-unit"><input type="text" class="narrow" part="control" id=${id} data-key=${key} autocomplete="off" inputmode=${item.type === 'integer' ? 'numeric' : 'decimal'} .value=${live(numberText(key, value, ctx.rawText))} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(withUnit)} ?disabled=${disabled} />${unitTpl}</span>`,
      );
    case 'quantity': {
      const quantity = typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value ? value : undefined;
      const typed = ctx.rawText.get(key);
      const text = typed ?? (quantity ? String(quantity.value) : '');
      const units = item.unitOptions ?? [];
      const chosenUnit = quantity?.code ?? quantity?.unit ?? units[0]?.code ?? units[0]?.display ?? '';
      return textual(
        html`<span class="with-unit"><input type="text" class="narrow" part="control" id=${id} data-key=${key} data-part="value" autocomplete="off" inputmode="decimal" .value=${live(text)} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(withUnit)} ?disabled=${disabled} />${
          units.length > 1
            ? html`<select part="unit-control" data-key=${key} data-part="unit" aria-label=${`${label}: ${tf.unit}`} ?disabled=${disabled}>
                ${units.map((u) => {
                  const code = u.code ?? u.display ?? '';
                  return html`<option value=${code} .selected=${live(code === chosenUnit)}>${u.display ?? u.code}</option>`;
                })}
              </select>`
            : unitTpl
        }</span>`,
      );
    }
    case 'dateTime':
      return textual(
        html`<input type="datetime-local" step="1" part="control" id=${id} data-key=${key} .value=${live(dateTimeInputValue(value))} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
      );
    case 'time':
      return textual(
        html`<input type="time" step="1" class="narrow" part="control" id=${id} data-key=${key} min=${ifDefined(item.min)} max=${ifDefined(item.max)} .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
      );
    case 'open-choice':
      return renderOpenChoice(item, key, value, choices, ctx);
    case 'attachment': {
      // Only the file's name and size are shown, as text; the contents never reach the page or casekit.
      const fileId = `f-${key}`;
      const chosen = answerText(item, value, ctx.localize);
      return textual(
        html`<input type="file" part="control" id=${id} data-key=${key} accept=${ifDefined(item.mimeTypes?.join(','))} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${[describedBy, fileId].filter(Boolean).join(' ')} ?disabled=${disabled} />
          <p class="hint" part="file-name" id=${fileId}>${chosen || tf.noFile}</p>`,
      );
    }
    case 'reference':
      return textual(
        html`<input type="text" part="control" id=${id} data-key=${key} autocomplete="off" .value=${live(answerText(item, value, ctx.localize))} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
      );
    case 'date': {
      const day = typeof value === 'string' ? value : '';
      const hintId = `d-${key}`;
      return textual(
        html`<input type="date" class="narrow" part="control" id=${id} data-key=${key} min=${ifDefined(item.min)} max=${ifDefined(item.max)} .value=${live(day)} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${[describedBy, hintId].filter(Boolean).join(' ')} ?disabled=${disabled} />${renderDateHint(hintId, day, ctx.localize)}`,
      );
    }
    case 'choice':
      // Options from a value set casekit could not expand: the answer is typed (a code or its text).
      if (!item.options.length) return renderOpenChoice(item, key, value, choices, ctx);
      if (item.options.length > ctx.selectThreshold) {
        return textual(
          html`<select part="control" id=${id} data-key=${key} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled}>
            <option value="" .selected=${live(value === undefined)}>${tf.choose}</option>
            ${item.options.map((o) => html`<option value=${o.code} .selected=${live(value === o.code)}>${localizedText(o.display, lang)}</option>`)}
          </select>`,
        );
      }
      return renderChoices(item, choices, 'radio', (code) => value === code);
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return renderChoices(item, choices, 'checkbox', (code) => chosen.includes(code));
    }
    case 'boolean': {
      const options = [
        { code: 'true', text: tf.yes, checked: value === true },
        { code: 'false', text: tf.no, checked: value === false },
      ];
      return html`<fieldset class="question choices inline" part="question" data-type="boolean" data-link-id=${item.linkId} role="radiogroup" aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}>
        <legend part="label">${label}${req}</legend>
        ${helpTpl}
        <div class="options">
          ${options.map(
            (o, i) => html`<label class="option">
              <input type="radio" id=${i === 0 ? id : `${id}~${i}`} name=${key} data-key=${key} .value=${o.code} .checked=${live(o.checked)} ?disabled=${disabled} />
              <span>${o.text}</span>
            </label>`,
          )}
        </div>
        ${errorTpl}
      </fieldset>`;
    }
  }
}

/** A text field with the options as suggestions (a native combobox): an option's text picks it, other text is kept as typed. */
function renderOpenChoice(item: ChoiceItem, key: string, value: AnswerValue | undefined, parts: ChoiceParts, ctx: ItemRenderContext): TemplateResult {
  const { label, req, helpTpl, errorTpl, describedBy, invalid, required, disabled, lang } = parts;
  const id = fieldId(key);
  const listId = `o-${key}`;
  return html`<div class="question" part="question" data-type=${item.type} data-link-id=${item.linkId}>
    <label part="label" for=${id}>${label}${req}</label>${helpTpl}
    <input type="text" part="control" id=${id} data-key=${key} list=${ifDefined(item.options.length ? listId : undefined)} autocomplete="off" .value=${live(ctx.rawText.get(key) ?? choiceInputText(item, value, lang))} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />
    ${item.options.length ? html`<datalist id=${listId}>${item.options.map((o) => html`<option value=${localizedText(o.display, lang)}></option>`)}</datalist>` : nothing}
    ${errorTpl}
  </div>`;
}

/**
 * A question that takes several answers (`repeats`): one field per answer, each with a remove button,
 * and an empty field at the end that adds an answer when typed in.
 */
function renderAnswerList(item: QuestionItem, key: string, value: AnswerValue | undefined, parts: ChoiceParts, ctx: ItemRenderContext): TemplateResult {
  const { t } = ctx.localize;
  const tf = t.intakeForm;
  const { label, req, helpTpl, errorTpl, describedBy, invalid, disabled } = parts;
  const values = Array.isArray(value) ? (value as unknown[]) : [];
  const type = item.type === 'integer' || item.type === 'decimal' ? 'text' : item.type === 'date' ? 'date' : item.type === 'url' ? 'url' : item.type === 'time' ? 'time' : 'text';
  const field = (text: string, index: number) => {
    const fieldLabel = tf.answerLabel(label, ctx.localize.number(index + 1));
    return html`<li class="answer">
      <input type=${type} part="control" id=${index === 0 ? fieldId(key) : `${fieldId(key)}~${index}`} data-key=${key} data-index=${index} autocomplete="off" .value=${live(text)} aria-label=${fieldLabel} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />
      ${index < values.length
        ? html`<button type="button" class="ck-button" part="remove-answer-button" ?disabled=${disabled} @click=${() => ctx.removeAnswer(key, index)}>${tf.removeAnswer(fieldLabel)}</button>`
        : nothing}
    </li>`;
  };
  return html`<fieldset class="question answers" part="question" data-type=${item.type} data-link-id=${item.linkId}>
    <legend part="label">${label}${req}</legend>
    ${helpTpl}
    <ul class="answer-list">
      ${values.map((v, i) => field(typeof v === 'string' || typeof v === 'number' ? String(v) : '', i))}
      ${field('', values.length)}
    </ul>
    ${errorTpl}
  </fieldset>`;
}

/** The parts of a question a list of radio buttons or check boxes is built from. */
interface ChoiceParts {
  key: string;
  label: string;
  req: unknown;
  helpTpl: unknown;
  errorTpl: unknown;
  describedBy: string | undefined;
  invalid: string;
  required: boolean;
  disabled: boolean;
  lang: string;
}

/** Radio buttons (choice) or check boxes (multi-choice); only a radio group carries the group's ARIA state. */
function renderChoices(item: ChoiceItem, parts: ChoiceParts, type: 'radio' | 'checkbox', isChecked: (code: string) => boolean): TemplateResult {
  const { key, label, req, helpTpl, errorTpl, describedBy, invalid, required, disabled, lang } = parts;
  const id = fieldId(key);
  const radio = type === 'radio';
  return html`<fieldset
    class="question choices"
    part="question"
    data-type=${item.type}
    data-link-id=${item.linkId}
    role=${ifDefined(radio ? 'radiogroup' : undefined)}
    aria-required=${ifDefined(radio ? (required ? 'true' : 'false') : undefined)}
    aria-invalid=${ifDefined(radio ? invalid : undefined)}
    aria-describedby=${ifDefined(describedBy)}
  >
    <legend part="label">${label}${req}</legend>
    ${helpTpl}
    <div class="options">
      ${item.options.map(
        (o, i) => html`<label class="option">
          <input
            type=${type}
            id=${i === 0 ? id : `${id}~${i}`}
            name=${key}
            data-key=${key}
            .value=${o.code}
            .checked=${live(isChecked(o.code))}
            aria-invalid=${ifDefined(radio ? undefined : invalid)}
            ?disabled=${disabled}
          />
          <span>${localizedText(o.display, lang)}</span>
        </label>`,
      )}
    </div>
    ${errorTpl}
  </fieldset>`;
}

/** What a number field shows: the text as typed while it still means the stored answer. */
function numberText(key: string, value: AnswerValue | undefined, rawText: ReadonlyMap<string, string>): string {
  if (value === undefined) return '';
  const raw = rawText.get(key);
  if (raw !== undefined && parseNumber(raw) === value) return raw;
  return String(value);
}

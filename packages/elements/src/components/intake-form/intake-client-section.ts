import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { PRIORITIES, PROGRAMS, type ClientInput, type ExtractedClientFields, type Item, type QuestionnaireDefinition } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { renderDateHint } from '../../internal/date-hint.js';
import type { IntakeCaseFields, IntakeClientFields } from './intake-types.js';

/** The client and case fields, in form order (the error summary lists them first). */
export const CLIENT_KEYS = ['client.given', 'client.family', 'client.birthDate', 'client.phone', 'client.language', 'case.program', 'case.priority'] as const;
export type ClientKey = (typeof CLIENT_KEYS)[number];

/** Preferred-language choices of the client section (labels come from `Intl.DisplayNames`). */
const CLIENT_LANGUAGES = ['en', 'es', 'zh', 'vi', 'ar', 'tl', 'ht', 'ru', 'ko', 'so', 'fr', 'pt'];

export const emptyClient = (): IntakeClientFields => ({ given: '', family: '', birthDate: '', phone: '', language: '', interpreterNeeded: false });

export function clientLabel(key: ClientKey, localize: LocalizeController): string {
  const tf = localize.t.intakeForm;
  const labels: Record<ClientKey, string> = {
    'client.given': tf.givenName,
    'client.family': tf.familyName,
    'client.birthDate': tf.birthDate,
    'client.phone': tf.phone,
    'client.language': tf.language,
    'case.program': tf.program,
    'case.priority': tf.priority,
  };
  return labels[key];
}

/** What decides whether a client or case field shows a problem. */
export interface ClientFieldsState {
  client: IntakeClientFields;
  caseFields: IntakeCaseFields;
  /** The element's `program` property: when set, no program field is shown or required. */
  program?: string;
  /** Problems core reported on the last submit, by key. */
  serverErrors: ReadonlyMap<string, string>;
  touched: ReadonlySet<string>;
  attempted: boolean;
}

/** A client or case field's problem, shown once the field was left or a submit was attempted (core's own come first). */
export function clientProblem(key: ClientKey, state: ClientFieldsState, localize: LocalizeController): string | undefined {
  const server = state.serverErrors.get(key);
  if (server) return server;
  if (!state.attempted && !state.touched.has(key)) return undefined;
  const m = localize.t.intakeForm.issues;
  const { client } = state;
  if (key === 'client.given' && !client.given.trim()) return m.required;
  if (key === 'client.family' && !client.family.trim()) return m.required;
  if (key === 'client.birthDate' && client.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(client.birthDate)) return m.date;
  if (key === 'case.program' && !state.program && !state.caseFields.program) return m.required;
  return undefined;
}

/** `['client', 'name', 'given', 0]` -> `client.given`; `['case', 'program']` -> `case.program`. */
export function clientKeyFor(path: readonly string[]): ClientKey | undefined {
  const [head, ...rest] = path;
  const joined = rest.join('.');
  if (head === 'client') {
    if (joined.startsWith('name.given')) return 'client.given';
    if (joined.startsWith('name.family')) return 'client.family';
    if (joined.startsWith('birthDate')) return 'client.birthDate';
    if (joined.startsWith('contact.phone')) return 'client.phone';
    if (joined.startsWith('language')) return 'client.language';
  }
  if (head === 'case') {
    if (joined.startsWith('program')) return 'case.program';
    if (joined.startsWith('priority')) return 'case.priority';
  }
  return undefined;
}

/** Client fields the questionnaire itself asks (items with `extract`), so the client section does not ask them twice. */
export interface QuestionnaireAsks {
  language: boolean;
  interpreter: boolean;
}

/**
 * Which client fields the questionnaire asks. Only items core extracts count: outside repeating
 * groups (an answer per household member is not the client's).
 */
export function questionnaireAsks(definition: QuestionnaireDefinition | undefined): QuestionnaireAsks {
  const asks: QuestionnaireAsks = { language: false, interpreter: false };
  const walk = (items: readonly Item[]) => {
    for (const item of items) {
      if (item.type === 'group' && item.repeats) continue;
      if ('extract' in item && item.extract === 'client.language') asks.language = true;
      if ('extract' in item && item.extract === 'client.interpreterNeeded') asks.interpreter = true;
      if ('items' in item && item.items) walk(item.items);
    }
  };
  if (definition) walk(definition.items);
  return asks;
}

/**
 * The client as core's intake takes it: an existing client's id, or the typed fields, trimmed. A field
 * the questionnaire asks comes from its answer (`fromAnswers`, core's `extractClientFields`), so the
 * client record, the answers and what the host is told agree.
 */
export function clientInput(c: IntakeClientFields, clientId: string | undefined, asks?: QuestionnaireAsks, fromAnswers: ExtractedClientFields = {}): ClientInput | { id: string } {
  if (clientId) return { id: clientId };
  const language = asks?.language ? fromAnswers.language : c.language || undefined;
  return {
    name: { given: [c.given.trim()], family: c.family.trim() },
    ...(c.birthDate ? { birthDate: c.birthDate } : {}),
    contact: c.phone.trim() ? { phone: c.phone.trim() } : {},
    ...(language ? { language } : {}),
    interpreterNeeded: asks?.interpreter ? fromAnswers.interpreterNeeded === true : c.interpreterNeeded,
  };
}

export interface ClientSectionContext extends ClientFieldsState {
  localize: LocalizeController;
  /** The `disabled` property or a disabled host form. */
  disabled: boolean;
  /** A submit is running. */
  submitting: boolean;
  /** Language names in the user's language (`Intl.DisplayNames`, cached per language). */
  languageNames: Intl.DisplayNames | undefined;
  /** Client fields the questionnaire asks itself: not asked again here. */
  asks: QuestionnaireAsks;
}

// Fields carry `data-client=<key>`: the form's input listener routes them to the client or case fields.

export function renderClientSection(ctx: ClientSectionContext): TemplateResult {
  const tf = ctx.localize.t.intakeForm;
  const c = ctx.client;
  const names = ctx.languageNames;
  return html`<fieldset class="section" part="client-section">
    <legend>${tf.clientSection}</legend>
    <div class="grid">
      ${clientField(ctx, 'client.given', { type: 'text', value: c.given }, true)}
      ${clientField(ctx, 'client.family', { type: 'text', value: c.family }, true)}
      ${clientField(ctx, 'client.birthDate', { type: 'date', value: c.birthDate })}
      ${clientField(ctx, 'client.phone', { type: 'tel', value: c.phone })}
      ${ctx.asks.language
        ? nothing
        : clientField(ctx, 'client.language', {
            type: 'select',
            value: c.language,
            options: [{ value: '', text: tf.languageNotRecorded }, ...CLIENT_LANGUAGES.map((code) => ({ value: code, text: names?.of(code) ?? code }))],
          })}
    </div>
    ${ctx.asks.interpreter
      ? nothing
      : html`<label class="option">
          <input type="checkbox" part="control" data-client="client.interpreter" .checked=${live(c.interpreterNeeded)} ?disabled=${ctx.disabled} />
          <span>${tf.interpreterNeeded}</span>
        </label>`}
  </fieldset>`;
}

export function renderCaseSection(ctx: ClientSectionContext): TemplateResult {
  const { t } = ctx.localize;
  const tf = t.intakeForm;
  const f = ctx.caseFields;
  return html`<fieldset class="section" part="case-section">
    <legend>${tf.caseSection}</legend>
    <div class="grid">
      ${ctx.program
        ? nothing
        : clientField(
            ctx,
            'case.program',
            { type: 'select', value: f.program, options: [{ value: '', text: tf.choose }, ...PROGRAMS.map((p) => ({ value: p, text: t.programs[p] ?? p }))] },
            true,
          )}
      ${clientField(ctx, 'case.priority', { type: 'select', value: f.priority, options: PRIORITIES.map((p) => ({ value: p, text: t.priority[p] })) })}
    </div>
  </fieldset>`;
}

/** One client or case field with its label and problem. */
function clientField(
  ctx: ClientSectionContext,
  key: ClientKey,
  control: { type: 'text' | 'date' | 'tel' | 'select'; value: string; options?: { value: string; text: string }[] },
  required = false,
): TemplateResult {
  const { t } = ctx.localize;
  const error = clientProblem(key, ctx, ctx.localize);
  const id = `c-${key}`;
  const errorId = error ? `ce-${key}` : undefined;
  const hintId = control.type === 'date' ? `cd-${key}` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const invalid = error ? 'true' : 'false';
  const disabled = ctx.disabled || ctx.submitting;
  const input =
    control.type === 'select'
      ? html`<select part="control" id=${id} data-client=${key} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(errorId)} ?disabled=${disabled}>
          ${(control.options ?? []).map((o) => html`<option value=${o.value} .selected=${live(control.value === o.value)}>${o.text}</option>`)}
        </select>`
      : html`<input
          type=${control.type}
          part="control"
          id=${id}
          data-client=${key}
          autocomplete="off"
          .value=${live(control.value)}
          aria-required=${required ? 'true' : 'false'}
          aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)}
          ?disabled=${disabled}
        />${hintId ? renderDateHint(hintId, control.value, ctx.localize) : nothing}`;
  return html`<div class="question" part="question">
    <label part="label" for=${id}>${clientLabel(key, ctx.localize)}${required ? html` <span class="req">(${t.common.required})</span>` : nothing}</label>
    ${input} ${error ? html`<p class="error" part="field-error" id=${errorId}>${error}</p>` : nothing}
  </div>`;
}

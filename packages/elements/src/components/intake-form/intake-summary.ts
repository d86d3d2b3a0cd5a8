import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { localizedText, type QuestionnaireDefinition, type ResponseEvaluation } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';

/**
 * Raised flags, kept in view while the user answers: critical ones as alerts (announced at once),
 * the others in a polite live region.
 */
export function renderFlags(evaluation: ResponseEvaluation | undefined, localize: LocalizeController): TemplateResult {
  const flags = evaluation?.flags ?? [];
  const tf = localize.t.intakeForm;
  const critical = flags.filter((f) => f.severity === 'critical');
  const other = flags.filter((f) => f.severity !== 'critical');
  return html`<div class="flags" part="flags">
    ${repeat(
      critical,
      (f) => f.id,
      (f) => html`<div class="flag critical" part="flag critical" role="alert" data-flag=${f.id}>${tf.criticalFlag(f.label)}</div>`,
    )}
    <div role="status" class="flag-list" part="flag-list">
      ${repeat(
        other,
        (f) => f.id,
        (f) => html`<div class="flag ${f.severity}" part="flag" data-flag=${f.id}>${f.severity === 'warning' ? tf.warningFlag(f.label) : f.label}</div>`,
      )}
    </div>
  </div>`;
}

/** Scores, derived needs and flags before submit; nothing for a questionnaire that has none of them. */
export function renderSummary(definition: QuestionnaireDefinition, evaluation: ResponseEvaluation | undefined, localize: LocalizeController): TemplateResult | typeof nothing {
  if (!evaluation || (!definition.scoring?.length && !definition.flags?.length && !definition.needRules?.length)) return nothing;
  const { t, lang } = localize;
  const tf = t.intakeForm;
  return html`<section class="section summary" part="summary" aria-labelledby="summary-title">
    <h3 id="summary-title">${tf.summary}</h3>
    <dl>
      ${(definition.scoring ?? []).map((rule) => {
        const score = evaluation.scores[rule.id];
        const label = localizedText(rule.label, lang);
        let text: string;
        if (!score || score.value === null) text = tf.scoreIncomplete(localize.number(score?.answered ?? 0), localize.number(score?.total ?? rule.items.length));
        else text = tf.scoreValue(localize.number(score.value), score.band?.label);
        return html`<dt>${label}</dt><dd data-score=${rule.id} data-band=${ifDefined(score?.band?.code)}>${text}</dd>`;
      })}
      ${definition.needRules?.length
        ? html`<dt>${tf.needs}</dt>
            <dd data-needs>
              ${evaluation.needs.length ? evaluation.needs.map((n) => html`<span class="ck-badge" part="badge">${t.needs[n] ?? n}</span>`) : tf.noNeeds}
            </dd>`
        : nothing}
      ${definition.flags?.length
        ? html`<dt>${tf.flags}</dt>
            <dd data-flags>
              ${evaluation.flags.length
                ? evaluation.flags.map(
                    (f) => html`<span class="ck-badge ${f.severity === 'critical' ? 'danger' : f.severity === 'warning' ? 'warning' : ''}" part="badge">${f.label}</span>`,
                  )
                : tf.noFlags}
            </dd>`
        : nothing}
    </dl>
  </section>`;
}

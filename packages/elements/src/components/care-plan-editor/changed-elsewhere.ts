import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CarePlan, ChangeBatch } from '@casekit/core';
import type { Translation } from '../../translations/types.js';

/** `changed`: a change from elsewhere arrived; `conflict`: a save was refused as stale. */
export type PlanNotice = 'changed' | 'conflict';

/**
 * Tells changes made elsewhere (another user, tab or element) from this element's own writes, which
 * come back through the same change feed. Once the plan on screen is stale it stays until the user
 * reloads, because what they are typing refers to it.
 */
export class ChangedElsewhere {
  private shown?: PlanNotice;
  /** The plan on screen is older than the stored one (kept until the user reloads). */
  stale = false;
  /** `planId:version` of writes this element is making. */
  private readonly ownWrites = new Set<string>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The notice on screen, if any. */
  get notice(): PlanNotice | undefined {
    return this.shown;
  }

  set notice(value: PlanNotice | undefined) {
    if (value === this.shown) return;
    this.shown = value;
    this.host.requestUpdate();
  }

  /** Remembers that this element is writing `version` of the plan; returns the key for `forgetWrite`. */
  expectWrite(planId: string, version: number): string {
    const key = `${planId}:${version}`;
    this.ownWrites.add(key);
    return key;
  }

  /** The write failed: a change with that version would come from elsewhere. */
  forgetWrite(key: string): void {
    this.ownWrites.delete(key);
  }

  /** Marks the plan stale and shows the notice when `batch` holds someone else's change to `plan`. */
  observe(batch: ChangeBatch, plan: CarePlan | undefined): void {
    let foreign = false;
    for (const change of batch.changes) {
      if (change.collection !== 'plans' || !plan || change.id !== plan.id) continue;
      if (this.ownWrites.delete(`${change.id}:${change.version}`)) continue;
      if (change.type === 'delete' || change.version > plan.version) foreign = true;
    }
    if (foreign && !this.stale) {
      this.stale = true;
      this.notice = 'changed';
    }
  }

  /** Core refused a save based on an old version. */
  conflict(): void {
    this.stale = true;
    this.notice = 'conflict';
  }

  /** The plan on screen is the stored one again (reloaded, created or another plan chosen). */
  reset(): void {
    this.stale = false;
    this.notice = undefined;
  }
}

/** "This plan was changed by someone else" with Reload / Keep editing. */
export function renderChangedNotice(notice: PlanNotice | undefined, ui: Translation, onReload: () => void, onKeepEditing: () => void): TemplateResult | typeof nothing {
  if (!notice) return nothing;
  const t = ui.carePlanEditor;
  return html`<div class="notice" part="notice" role="alert">
    <div>
      <strong>${notice === 'conflict' ? t.conflictOnSave : t.changedElsewhere}</strong>
      ${notice === 'changed' ? html`<span>${t.changedElsewhereHint}</span>` : nothing}
    </div>
    <div class="actions">
      <button type="button" class="ck-button primary" part="button" data-action="reload" @click=${onReload}>${ui.common.reload}</button>
      <button type="button" class="ck-button" part="button" data-action="keep-editing" @click=${onKeepEditing}>${ui.common.keepEditing}</button>
    </div>
  </div>`;
}

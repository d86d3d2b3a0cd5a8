import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CaseManager, CaseRecord, SyncConflictView, SyncStatus, Unsubscribe } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { syncStatusStyles } from './sync-status.styles.js';

/** What the dot and the host's `state` attribute say, most urgent first. */
export type SyncState = 'conflict' | 'blocked' | 'offline' | 'sending' | 'online';

export function syncState(status: SyncStatus): SyncState {
  if (status.conflicts > 0) return 'conflict';
  if (!status.online) return 'offline';
  if (status.blocked) return 'blocked';
  return status.pending > 0 ? 'sending' : 'online';
}

/** A field's value as plain text for the comparison table (records are untrusted: text, never HTML). */
function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/**
 * @summary Where the records stand with the system of record (a FHIR server, through
 * `@casekit/storage-fhir`): online or offline, changes waiting to be sent, why they wait, and the
 * conflicts of changes made offline, each with both versions side by side and the choice of keeping
 * mine, taking theirs, or opening the record to keep editing. Renders nothing on local storages.
 *
 * Nothing is merged for the user: a change made offline that met a newer version elsewhere (or that
 * the server refused) stays on this device until someone chooses. Listing the conflicts reads records,
 * so it happens when the user opens the list (and is audited); the status line is counts only.
 *
 * `focus()` goes to the "Sync now" button.
 *
 * @fires ck-sync-resolved - A conflict was resolved. `detail: SyncResolvedDetail`.
 * @fires ck-case-open - The user chose to open a conflicting case to keep editing. `detail: CaseOpenDetail`.
 * @fires ck-error - Pulling or resolving failed (e.g. the server refused my version again). `detail: ErrorDetail`.
 *
 * @csspart bar - The status line.
 * @csspart state - The dot and the status text.
 * @csspart dot - The coloured status dot.
 * @csspart last-sync - When the records last caught up.
 * @csspart sync-now - The "Sync now" button.
 * @csspart review - The button that shows the conflicts.
 * @csspart conflicts - The conflicts panel.
 * @csspart conflict - One conflict.
 * @csspart diff - A conflict's table of differing fields.
 * @csspart actions - A conflict's buttons.
 *
 * @cssprop --ck-sync-status-online - Dot colour when everything is sent.
 * @cssprop --ck-sync-status-offline - Dot colour while offline or waiting.
 * @cssprop --ck-sync-status-conflict - Dot colour while conflicts wait for a choice.
 */
export class CkSyncStatus extends CasekitElement {
  static override styles = [sharedStyles, syncStatusStyles];

  /** `online`, `sending`, `offline`, `blocked` or `conflict` (for host styling); absent on local storages. */
  @property({ reflect: true }) state?: SyncState;

  /** Heading level of the conflicts panel's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private status?: SyncStatus;
  @state() private open = false;
  @state() private list: SyncConflictView[] = [];
  @state() private busy = false;
  @state() private message = '';

  private unsubscribe: Unsubscribe | undefined;

  private readonly casekit = new ManagerController(this, {
    collections: [],
    onManager: (manager) => this.watch(manager),
    onChange: () => undefined,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The conflicts shown in the open panel (empty while it is closed). */
  get conflicts(): readonly SyncConflictView[] {
    return this.list;
  }

  /** Opens the conflicts panel and loads the conflicts (an audited read). */
  async showConflicts(): Promise<void> {
    this.open = true;
    await this.loadConflicts();
  }

  private watch(manager: CaseManager | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const sync = manager?.sync;
    this.status = sync?.status();
    this.state = this.status && syncState(this.status);
    if (!sync) return;
    this.unsubscribe = sync.subscribe((status) => {
      const conflictsChanged = status.conflicts !== this.status?.conflicts;
      this.status = status;
      this.state = syncState(status);
      if (this.open && conflictsChanged) void this.loadConflicts();
    });
  }

  private async loadConflicts(): Promise<void> {
    const sync = this.casekit.value?.sync;
    if (!sync) return;
    try {
      this.list = await sync.conflicts();
    } catch (error) {
      this.message = this.reportError(error, 'load').message;
    }
  }

  private async run(operation: string, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = '';
    try {
      await work();
    } catch (error) {
      this.message = this.reportError(error, operation).message;
    } finally {
      this.busy = false;
    }
  }

  private resolve(conflict: SyncConflictView, choice: 'mine' | 'theirs'): Promise<void> {
    return this.run('resolve', async () => {
      await this.casekit.value!.sync!.resolve(conflict.collection, conflict.id, choice);
      this.emit('ck-sync-resolved', { collection: conflict.collection, id: conflict.id, choice });
      const t = this.localize.t.syncStatus;
      this.message = choice === 'mine' ? t.resolvedMine : t.resolvedTheirs;
      await this.loadConflicts();
    });
  }

  protected override render(): TemplateResult | typeof nothing {
    const status = this.status;
    if (!status) return nothing;
    const t = this.localize.t.syncStatus;
    const n = (count: number) => this.localize.number(count);
    const text = {
      conflict: t.conflicts(status.conflicts, n(status.conflicts)),
      offline: t.offline(status.pending, n(status.pending)),
      blocked: t.blocked(status.pending, n(status.pending), status.blocked ?? ''),
      sending: t.sending(status.pending, n(status.pending)),
      online: t.online,
    }[syncState(status)];
    return html`
      <div part="bar">
        <span part="state" role="status"><span part="dot" aria-hidden="true"></span>${text}</span>
        ${status.lastSyncAt ? html`<span part="last-sync">${t.lastSync(this.localize.date(status.lastSyncAt, { dateStyle: 'short', timeStyle: 'short' }))}</span>` : nothing}
        <button class="ck-button" part="sync-now" type="button" ?disabled=${this.busy} @click=${() => this.run('pull', () => this.casekit.value!.sync!.pull({ reconcile: true }))}>${t.syncNow}</button>
        ${status.conflicts > 0 || this.open
          ? html`<button class="ck-button" part="review" type="button" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open ? (this.open = false) : void this.showConflicts())}>
              ${this.open ? t.hide : t.review(status.conflicts, n(status.conflicts))}
            </button>`
          : nothing}
      </div>
      <div class="sr-only" aria-live="polite">${this.message}</div>
      ${this.open ? this.renderConflicts() : nothing}
    `;
  }

  private renderConflicts(): TemplateResult {
    const t = this.localize.t.syncStatus;
    return html`<section part="conflicts" aria-labelledby="conflicts-heading">
      <div role="heading" aria-level=${this.headingLevel} id="conflicts-heading"><strong>${t.heading}</strong></div>
      ${this.message ? html`<p class="ck-alert">${this.message}</p>` : nothing}
      ${this.list.length ? this.list.map((c, i) => this.renderConflict(c, i)) : html`<p>${t.none}</p>`}
    </section>`;
  }

  private renderConflict(conflict: SyncConflictView, index: number): TemplateResult {
    const t = this.localize.t.syncStatus;
    const record = conflict.mine ?? conflict.theirs;
    const title = [t.collections[conflict.collection] ?? conflict.collection, record ? recordName(record) : undefined].filter(Boolean).join(' · ');
    const why = conflict.kind === 'refused' ? t.refused(conflict.reason ?? '') : conflict.kind === 'create-collision' ? t.createCollision : conflict.theirs ? t.staleWrite : t.deletedElsewhere;
    const kase = conflict.collection === 'cases' && conflict.mine ? (conflict.mine as unknown as CaseRecord) : undefined;
    const label = (field: string) => this.localize.t.fields[field] ?? field;
    const value = (field: string, raw: unknown) => {
      const names = ({ priority: this.localize.t.priority, riskLevel: this.localize.t.risk, status: this.localize.t.status } as Record<string, Record<string, string> | undefined>)[field];
      return shown(typeof raw === 'string' && names?.[raw] ? names[raw] : raw);
    };
    return html`<article part="conflict" aria-labelledby="conflict-${index}">
      <div role="heading" aria-level=${this.headingLevel + 1} id="conflict-${index}"><strong>${title}</strong></div>
      <p>${why}</p>
      ${conflict.changedFields.length
        ? html`<table part="diff">
            <thead><tr><th scope="col">${t.field}</th><th scope="col">${t.mine}</th><th scope="col">${t.theirs}</th></tr></thead>
            <tbody>
              ${conflict.changedFields.map((field) => html`<tr><th scope="row">${label(field)}</th><td>${value(field, conflict.mine?.[field])}</td><td>${value(field, conflict.theirs?.[field])}</td></tr>`)}
            </tbody>
          </table>`
        : nothing}
      <div part="actions">
        <button class="ck-button primary" type="button" ?disabled=${this.busy || !conflict.mine} @click=${() => this.resolve(conflict, 'mine')}>${t.keepMine}</button>
        <button class="ck-button" type="button" ?disabled=${this.busy} @click=${() => this.resolve(conflict, 'theirs')}>${t.takeTheirs}</button>
        ${kase ? html`<button class="ck-button" type="button" @click=${() => this.emit('ck-case-open', { caseId: kase.id, clientId: kase.clientId, record: kase })}>${t.openCase}</button>` : nothing}
      </div>
    </article>`;
  }
}

/** A short name for a record in a conflict's title: a case's client, a client's name, a title. */
function recordName(record: Record<string, unknown>): string | undefined {
  if (typeof record['clientName'] === 'string') return record['clientName'];
  const name = record['name'] as { given?: string[]; family?: string } | string | undefined;
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object') return [...(name.given ?? []), name.family].filter(Boolean).join(' ') || undefined;
  return typeof record['title'] === 'string' ? record['title'] : undefined;
}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { canTransition, CONSENT_MACHINE, hasErrorCode, type CaseManager, type CaseRecord, type Client, type Consent, type Organization } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { availableLanguages } from '../../translations/registry.js';
import { renderReasonDialog, type ReasonDialogState } from './consent-dialog.js';
import { renderConsentForm } from './consent-form.js';
import { consentFieldKey, emptyConsentForm, toConsentInput, type ConsentFieldKey, type ConsentFormState } from './consent-form-state.js';
import { renderConsentItem } from './consent-item.js';
import { consentManagerStyles } from './consent-manager.styles.js';
import { renderPrintView, resolvePrintLanguage, type PrintLanguage } from './consent-print.js';
import { consentState, type ConsentDisplayState } from './consent-state.js';

/** Directory matches offered for the typed grantee name. */
const SEARCH_LIMIT = 8;

/**
 * @summary A client's consents to share information (active, expiring soon, expired, revoked, refused), with a form to record one, revoke or mark one entered in error with a reason, and a printable copy in the client's language.
 *
 * Follows core (`manager.consents`): the list is `consents.forClient`, newest first; whether a
 * consent is in force is core's `isConsentInForce`, judged on `today` (default `manager.today()`).
 * The form is shown only when the policy lets the actor `create` consents for the client
 * (`manager.can`), Revoke and "Mark entered in error" only when it lets them `transition` the
 * consent and the consent's state machine allows the move. Core's validation errors are shown
 * beside their field and nothing is written; a change based on a stale version (ConflictError)
 * says so and offers to reload, keeping the reason typed.
 *
 * Set `organization-id` (a directory organisation) or `organization-name` (a provider outside the
 * directory) to open the form with that grantee chosen, e.g. from the referral tracker when a send
 * was refused for want of a consent.
 *
 * @fires ck-consent-change - A consent was recorded, revoked or marked entered in error. `detail: { consentId, clientId, status, change, record }`.
 * @fires ck-error - Core refused something (also shown in the element, beside the field when it has one). `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when the client has no consents.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading.
 * @csspart header-actions - The "Record consent" and "Print copy" buttons.
 * @csspart summary - The "N consents" line.
 * @csspart read-only - The note shown when the policy lets the user read the consents but not record them.
 * @csspart alert - The error banner.
 * @csspart form - The record form.
 * @csspart form-heading - The form's heading.
 * @csspart grantee-field - The grantee field with its directory matches.
 * @csspart grantee-results - The directory matches.
 * @csspart field-error - A field's error message.
 * @csspart form-actions - The form's buttons.
 * @csspart list - The list of consents.
 * @csspart consent - One consent.
 * @csspart consent-header - A consent's title row.
 * @csspart scope - What the consent is about (the consent's title).
 * @csspart badge - Any badge.
 * @csspart status - The state badge (active, expiring soon, expired, revoked, refused...).
 * @csspart grantee - Whom it lets information be shared with.
 * @csspart period - When it applies.
 * @csspart purpose - What for.
 * @csspart meta - How it was given and who recorded it.
 * @csspart reason - Why it was revoked or marked entered in error.
 * @csspart actions - A consent's buttons.
 * @csspart action-button - Revoke / Mark entered in error.
 * @csspart dialog - The reason dialog.
 * @csspart dialog-alert - The dialog's error banner.
 * @csspart print-toolbar - Buttons above the printable copy (not printed).
 * @csspart print - The client's printable copy.
 *
 * @cssprop --ck-consent-manager-background - Element background.
 * @cssprop --ck-consent-manager-item-background - Consent background.
 * @cssprop --ck-consent-manager-item-border - Consent border color.
 * @cssprop --ck-consent-manager-gap - Space between consents.
 * @cssprop --ck-consent-manager-print-font-size - Font size of the printable copy. Default 1.0625rem.
 */
export class CkConsentManager extends CasekitElement {
  static override styles = [sharedStyles, consentManagerStyles];

  /** The client whose consents are shown. */
  @property({ attribute: 'client-id', reflect: true }) clientId?: string;

  /** A directory organisation to record a consent for: opens the form with it chosen as the grantee. */
  @property({ attribute: 'organization-id' }) organizationId?: string;

  /** A provider outside the directory to record a consent for (or the name to show for `organization-id`). */
  @property({ attribute: 'organization-name' }) organizationName?: string;

  /** An active consent ending within this many days is shown as "Expiring soon". */
  @property({ type: Number, attribute: 'expiring-days' }) expiringDays = 30;

  /** Today's date (`YYYY-MM-DD`) consents are judged on. Default: `manager.today()` (the manager's clock and time zone). */
  @property() today?: string;

  /** Language of the printed copy. Default: the client's preferred language when casekit has it, else the element's. */
  @property({ attribute: 'print-language' }) printLanguage?: string;

  /** Show the consents without the form or any action (whatever the actor may do). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Heading level of the element's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Consents", translated. */
  @property() label?: string;

  @state() private items: Consent[] = [];
  @state() private client?: Client;
  /** The client's cases this actor can see, for the policy's questions (`clientCases`). */
  @state() private clientCases: CaseRecord[] = [];
  @state() private loaded = false;
  @state() private formOpen = false;
  @state() private form: ConsentFormState = emptyConsentForm();
  @state() private errors = new Map<ConsentFieldKey, string>();
  @state() private results: Organization[] = [];
  @state() private message?: string;
  @state() private messageConflict = false;
  @state() private busy = false;
  @state() private liveText = '';
  @state() private dialog?: ReasonDialogState;
  @state() private view: 'list' | 'print' = 'list';
  @state() private printCopy?: { language: PrintLanguage; consentId?: string | undefined };

  @query('dialog') private dialogEl?: HTMLDialogElement;

  private readonly casekit = new ManagerController(this, {
    collections: ['consents', 'clients'],
    onManager: () => void this.refresh(),
    onChange: () => void this.refresh(),
  });
  private readonly runner = new SerialRunner(() => this.load());
  /** The grantee preset last applied (client and organisation): a reload does not reopen the form. */
  private presetApplied = '';
  private searchGeneration = 0;
  /** The directory search under way for the typed grantee name (settled when none is). */
  private searching: Promise<unknown> = Promise.resolve();
  private focusAfterRender?: string;

  /** The consents shown, newest first. */
  get consents(): readonly Consent[] {
    return this.items;
  }

  /** Resolves when the consents have been (re)loaded and rendered. For tests and hosts that need to wait. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner], () => this.searching);
  }

  /** Reloads the consents (done on every core change); calls made during a reload collapse into one more, which this waits for too. */
  async refresh(): Promise<void> {
    await this.runner.run();
    await this.runner.idle();
  }

  /** Focuses the first thing to do: the form's first field when it is open, else the first action, else the heading. */
  /**
   * Moves focus to the form's first field (else the first action, else the heading) even when focus
   * is already inside: a host opening the element in a dialog (`showModal()` focuses its first
   * control) calls `focus()` to start the user at the consent form.
   */
  override focus(options?: FocusOptions): void {
    const target = this.hasUpdated ? this.focusTarget() : null;
    if (target) target.focus(options);
    else super.focus(options);
  }

  protected override focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    return (
      root.querySelector<HTMLElement>('[part~="form"] select, [part~="print-toolbar"] button') ??
      root.querySelector<HTMLElement>('[part~="header-actions"] button:not([disabled]), [part~="action-button"]') ??
      root.querySelector<HTMLElement>('[part~="heading"]')
    );
  }

  /**
   * Shows the client's copy (all consents but those entered in error, or only `consentId`) in the
   * client's language, and opens the browser's print dialog; the list comes back afterwards.
   */
  async print(consentId?: string): Promise<void> {
    const language = await this.printLang();
    this.printCopy = { language, consentId };
    this.view = 'print';
    await this.updateComplete;
    window.addEventListener('afterprint', () => this.closePrint(), { once: true });
    window.print();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) return;
    if (changed.has('clientId')) {
      this.form = emptyConsentForm();
      this.formOpen = false;
      this.errors = new Map();
      this.message = undefined;
      this.dialog = undefined;
      void this.refresh();
    } else if (changed.has('organizationId') || changed.has('organizationName')) void this.refresh();
  }

  protected override updated(): void {
    const dialog = this.dialogEl;
    if (dialog && this.dialog && !dialog.open) dialog.showModal();
    if (dialog && !this.dialog && dialog.open) dialog.close();
    if (this.focusAfterRender && !this.dialog) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      this.focusAfterRender = undefined;
      target?.focus();
    }
  }

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private get todayDate(): string {
    return this.today ?? this.activeManager?.today() ?? new Date().toISOString().slice(0, 10);
  }

  private stateOf(consent: Consent): ConsentDisplayState {
    return consentState(consent, this.todayDate, this.expiringDays);
  }

  // ---------------------------------------------------------------- data

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const clientId = this.clientId;
    if (!manager || !clientId) {
      this.items = [];
      this.client = undefined;
      this.loaded = !!manager;
      return;
    }
    try {
      const [client, consents, clientCases] = await Promise.all([
        manager.clients.get(clientId),
        manager.consents.forClient(clientId),
        // Only for `manager.can` (whose client this is); an actor who may not list cases gets none, and core still decides on save.
        manager.cases.query({ clientId, limit: 1000 }).then((page) => page.items, () => []),
      ]);
      if (clientId !== this.clientId) return;
      this.client = client;
      this.items = consents;
      this.clientCases = clientCases;
      if (this.messageConflict) {
        this.message = undefined;
        this.messageConflict = false;
      }
      const preset = this.organizationId || this.organizationName ? JSON.stringify([clientId, this.organizationId, this.organizationName]) : '';
      if (preset && preset !== this.presetApplied && this.canRecord) {
        this.presetApplied = preset;
        await this.applyPreset(manager);
      }
    } catch (error) {
      if (clientId !== this.clientId) return;
      this.items = [];
      this.client = undefined;
      this.message = this.reportError(error, 'load').message;
    } finally {
      this.loaded = true;
    }
  }

  /** Opens the form with the host's grantee chosen (a directory organisation, or a name). */
  private async applyPreset(manager: CaseManager): Promise<void> {
    const id = this.organizationId;
    let name = this.organizationName ?? '';
    if (id) name = await manager.directory.getOrganization(id).then((org) => org.name, () => name);
    this.form = { ...emptyConsentForm(), scope: 'share-with-provider', granteeId: id ?? '', granteeName: name };
    this.results = [];
    this.errors = new Map();
    this.formOpen = true;
  }

  // ---------------------------------------------------------------- policy

  private get canRecord(): boolean {
    const manager = this.activeManager;
    if (!manager || this.readonly || !this.clientId || !this.client) return false;
    return manager.can({ action: 'create', collection: 'consents', record: { clientId: this.clientId }, clientCases: this.clientCases });
  }

  private mayTransition(consent: Consent, to: Consent['status']): boolean {
    const manager = this.activeManager;
    if (!manager || this.readonly || !canTransition(CONSENT_MACHINE, consent.status, to)) return false;
    return manager.can({ action: 'transition', collection: 'consents', record: consent, clientCases: this.clientCases });
  }

  /** Revoking is offered while the consent applies or will: an expired one is no longer in force anyway. */
  private canRevoke(consent: Consent): boolean {
    return this.stateOf(consent) !== 'expired' && this.mayTransition(consent, 'inactive');
  }

  // ---------------------------------------------------------------- recording

  private openForm(): void {
    this.formOpen = true;
    this.focusAfterRender = '[part~="form"] select';
  }

  private closeForm(): void {
    this.formOpen = false;
    this.form = emptyConsentForm();
    this.errors = new Map();
    this.results = [];
    this.focusAfterRender = '[data-action="record"]';
  }

  private change(patch: Partial<ConsentFormState>): void {
    this.form = { ...this.form, ...patch };
  }

  /** The grantee name was typed: it is no longer the organisation chosen; look it up in the directory. */
  private async searchGrantee(text: string): Promise<void> {
    this.change({ granteeName: text, granteeId: '' });
    const manager = this.activeManager;
    const generation = ++this.searchGeneration;
    if (!manager || text.trim().length < 2) {
      this.results = [];
      return;
    }
    const search = manager.directory.searchOrganizations(text, { limit: SEARCH_LIMIT }).catch(() => []);
    this.searching = search;
    const found = await search;
    if (generation === this.searchGeneration) this.results = found;
  }

  private chooseGrantee(organization: Organization): void {
    this.change({ granteeId: organization.id, granteeName: organization.name });
    this.results = [];
    this.focusAfterRender = '[name="grantee"]';
  }

  private async submit(): Promise<void> {
    const manager = this.activeManager;
    const clientId = this.clientId;
    if (!manager || !clientId || this.busy) return;
    const t = this.localize.t.consentManager;
    this.busy = true;
    this.announce(t.saving);
    try {
      const saved = await manager.consents.record(toConsentInput(this.form, clientId));
      this.emit('ck-consent-change', { consentId: saved.id, clientId, status: saved.status, change: 'recorded', record: saved });
      this.announce(t.recorded);
      this.formOpen = false;
      this.form = emptyConsentForm();
      this.errors = new Map();
      this.results = [];
      this.message = undefined;
      await this.refresh();
      // After the reload, so the new consent is on the page.
      this.focusAfterRender = `[data-consent="${CSS.escape(saved.id)}"] [part~="scope"]`;
      this.requestUpdate();
    } catch (error) {
      this.showFormError(error);
    } finally {
      this.busy = false;
    }
  }

  private showFormError(error: unknown): void {
    const labels = this.fieldLabels();
    const described = this.reportError(error, 'record', (path) => {
      const key = consentFieldKey(path);
      return key ? labels[key] : undefined;
    });
    const errors = new Map<ConsentFieldKey, string>();
    for (const [path, text] of described.fields) {
      const key = consentFieldKey(path);
      if (key && !errors.has(key)) errors.set(key, text);
    }
    // Core's rule "the consent must end after it starts" arrives as a generic too_small: say it in words.
    if (hasErrorCode(error, 'validation') && error.issues.some((i) => i.path.join('.') === 'period.end' && i.code === 'too_small')) {
      errors.set('end', this.localize.t.consentManager.endBeforeStart);
    }
    this.errors = errors;
    this.message = errors.size ? undefined : described.message;
    this.messageConflict = described.conflict;
    this.announce(described.message);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="form"] [aria-invalid="true"], [part~="alert"] button')?.focus());
  }

  private fieldLabels(): Record<ConsentFieldKey, string> {
    const t = this.localize.t.consentManager;
    return {
      answer: t.answerField,
      scope: t.scopeField,
      grantee: t.granteeField,
      purpose: t.purposeField,
      source: t.sourceField,
      sourceReference: t.sourceReferenceField,
      start: t.startField,
      end: t.endField,
    };
  }

  // ---------------------------------------------------------------- revoke / entered in error

  private openDialog(consent: Consent, kind: ReasonDialogState['kind']): void {
    this.dialog = { kind, consent, reason: '' };
  }

  private closeDialog(e?: Event): void {
    e?.preventDefault();
    const consent = this.dialog?.consent;
    this.dialog = undefined;
    if (consent) this.focusAfterRender = `[data-consent="${CSS.escape(consent.id)}"] [part~="scope"]`;
  }

  private async submitDialog(): Promise<void> {
    const manager = this.activeManager;
    const d = this.dialog;
    if (!manager || !d || d.busy) return;
    const t = this.localize.t.consentManager;
    this.dialog = { ...d, busy: true };
    const ref = { id: d.consent.id, version: d.consent.version };
    try {
      const saved = d.kind === 'revoke' ? await manager.consents.revoke(ref, d.reason) : await manager.consents.transition(ref, 'entered-in-error', { reason: d.reason });
      this.emit('ck-consent-change', { consentId: saved.id, clientId: saved.clientId, status: saved.status, change: d.kind === 'revoke' ? 'revoked' : 'entered-in-error', record: saved });
      this.announce(d.kind === 'revoke' ? t.revoked : t.markedInError);
      this.items = this.items.map((c) => (c.id === saved.id ? saved : c));
      this.closeDialog();
      await this.refresh();
    } catch (error) {
      const described = this.reportError(error, d.kind === 'revoke' ? 'revoke' : 'transition', (path) => (path.endsWith('reason') ? t.reasonField : undefined));
      const reasonError = [...described.fields].find(([path]) => path.endsWith('reason'))?.[1];
      this.dialog = { ...d, busy: false, reasonError, message: reasonError ? undefined : described.message, conflict: described.conflict };
      this.announce(described.message);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('dialog [aria-invalid="true"], dialog [data-action="reload"]')?.focus());
    }
  }

  /** After a conflict: read the consent as stored now; the dialog stays open with the reason typed. */
  private async reloadDialog(): Promise<void> {
    const d = this.dialog;
    if (!d) return;
    await this.refresh();
    const latest = this.items.find((c) => c.id === d.consent.id) ?? d.consent;
    if (this.dialog) this.dialog = { ...this.dialog, consent: latest, message: undefined, conflict: false };
    this.renderRoot.querySelector<HTMLElement>('dialog textarea')?.focus();
  }

  private async onReloadBanner(): Promise<void> {
    this.message = undefined;
    this.messageConflict = false;
    await this.refresh();
  }

  // ---------------------------------------------------------------- print

  private async printLang(): Promise<PrintLanguage> {
    const fallback: PrintLanguage = { locale: this.localize.lang, table: this.localize.t };
    return resolvePrintLanguage(this.printLanguage || this.client?.language, fallback);
  }

  private closePrint(): void {
    if (this.view !== 'print') return;
    this.view = 'list';
    this.printCopy = undefined;
    this.focusAfterRender = '[data-action="print"]';
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="consents-heading">
      ${this.view === 'print' && this.printCopy ? this.renderPrint(this.printCopy) : this.renderList()}
      ${renderReasonDialog({
        t: this.localize.t,
        dialog: this.dialog,
        grantee: (c) => this.localize.t.consentManager.grantee(c.grantee?.name ?? this.localize.t.consentManager.anyProvider),
        change: (reason) => this.dialog && (this.dialog = { ...this.dialog, reason }),
        submit: () => void this.submitDialog(),
        cancel: (e) => this.closeDialog(e),
        closed: () => this.dialog && this.closeDialog(),
        reload: () => void this.reloadDialog(),
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.liveText}</div>
    </section>`;
  }

  private renderPrint(copy: { language: PrintLanguage; consentId?: string | undefined }): TemplateResult {
    const consents = copy.consentId ? this.items.filter((c) => c.id === copy.consentId) : this.items.filter((c) => c.status !== 'entered-in-error');
    return renderPrintView(
      { ...(this.client ? { client: this.client } : {}), consents, today: this.todayDate, language: copy.language, state: (c) => this.stateOf(c) },
      this.localize.t,
      () => this.closePrint(),
      () => window.print(),
    );
  }

  private renderList(): TemplateResult {
    const t = this.localize.t;
    const cm = t.consentManager;
    const manager = this.activeManager;
    const summary = !manager ? t.errors.noManager : !this.clientId ? cm.noClient : this.loaded ? cm.count(this.items.length, this.localize.number(this.items.length)) : t.common.loading;
    const canRecord = this.loaded && this.canRecord;
    const printLabel = this.printButtonLabel();
    return html`<div class="header" part="header">
        <div role="heading" aria-level=${this.headingLevel} id="consents-heading" class="heading" part="heading" tabindex="-1">${this.label ?? cm.label}</div>
        <div class="header-actions" part="header-actions">
          ${canRecord && !this.formOpen ? html`<button type="button" class="ck-button primary" data-action="record" @click=${this.openForm}>${cm.record}</button>` : nothing}
          ${this.loaded && this.client ? html`<button type="button" class="ck-button" data-action="print" @click=${() => void this.print()}>${printLabel}</button>` : nothing}
          <slot name="header-end"></slot>
        </div>
      </div>
      <p class="summary" part="summary">${summary}</p>
      ${this.loaded && this.client && !canRecord && !this.readonly ? html`<p class="read-only" part="read-only" role="note">${cm.readOnly}</p>` : nothing}
      ${this.message
        ? html`<div class="ck-alert" part="alert" role="alert">
            <span>${this.message}</span>
            ${this.messageConflict
              ? html`<button type="button" class="ck-button" @click=${this.onReloadBanner}>${t.common.reload}</button>`
              : html`<button type="button" class="ck-button" @click=${() => (this.message = undefined)}>${t.common.dismiss}</button>`}
          </div>`
        : nothing}
      ${canRecord && this.formOpen
        ? renderConsentForm({
            t: cm,
            optional: t.common.optional,
            cancel: t.common.cancel,
            form: this.form,
            errors: this.errors,
            results: this.results,
            busy: this.busy,
            change: (patch) => this.change(patch),
            searchGrantee: (text) => void this.searchGrantee(text),
            chooseGrantee: (org) => this.chooseGrantee(org),
            submit: () => void this.submit(),
            close: () => this.closeForm(),
          })
        : nothing}
      ${this.loaded && this.client && this.items.length === 0 && !this.message ? html`<slot name="empty"><p class="empty">${cm.empty}</p></slot>` : nothing}
      ${this.items.length
        ? html`<ul class="list" part="list" role="list" aria-labelledby="consents-heading">
            ${this.items.map((consent) =>
              renderConsentItem(consent, {
                t: cm,
                day: (date) => this.localize.date(date, { dateStyle: 'medium' }),
                dateTime: (instant) => this.localize.date(instant, { dateStyle: 'medium', timeStyle: 'short' }),
                state: (c) => this.stateOf(c),
                canRevoke: (c) => this.canRevoke(c),
                canMarkEnteredInError: (c) => this.mayTransition(c, 'entered-in-error'),
                onRevoke: (c) => this.openDialog(c, 'revoke'),
                onEnteredInError: (c) => this.openDialog(c, 'entered-in-error'),
              }),
            )}
          </ul>`
        : nothing}`;
  }

  /** "Print copy", or "Print copy (Spanish)" when the client's copy will be in another language than the page. */
  private printButtonLabel(): string {
    const cm = this.localize.t.consentManager;
    const wanted = (this.printLanguage || this.client?.language || '').toLowerCase().split('-')[0];
    const own = this.localize.lang.toLowerCase().split('-')[0];
    if (!wanted || wanted === own || !availableLanguages().includes(wanted)) return cm.print;
    try {
      return cm.printIn(new Intl.DisplayNames([this.localize.lang], { type: 'language' }).of(wanted) ?? wanted);
    } catch {
      return cm.print;
    }
  }
}

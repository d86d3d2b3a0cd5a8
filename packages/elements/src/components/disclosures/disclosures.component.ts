import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { displayName, hasErrorCode, type CaseManager, type Client, type Disclosure, type DisclosureAccount } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { renderDateHint, dateHintStyles } from '../../internal/date-hint.js';
import { focusableHeading } from '../../internal/focus-target.js';
import { languageName } from '../../internal/language-name.js';
import { otherPrintLanguage, resolvePrintLanguage, type PrintLanguage } from '../../internal/print-language.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { renderSkeletons, skeletonStyles } from '../../internal/skeleton.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { disclosureWords, type DisclosureWords } from './disclosure-text.js';
import { disclosurePeriod, isDay, periodInstants, type DayPeriod } from './disclosures-period.js';
import { renderPrintView } from './disclosures-print.js';
import { renderDisclosureTable } from './disclosures-table.js';
import { disclosuresStyles } from './disclosures.styles.js';

type PeriodField = 'from' | 'to';

/**
 * @summary A client's accounting of disclosures (HIPAA §164.528): what of their information was shared outside the agency, with whom, when, why and on what grounds, with a period selector and a printable copy in the client's language.
 *
 * Follows core (`manager.disclosures.forClient`): referrals sent (the packet's fields: the client's
 * name, the referral's reason, urgency and service, and the client fields the consent or override
 * shared), each time a provider's staff opened or answered one, and caseload exports. Each row says
 * the date (on the manager's calendar), the recipient, what was shared in words, why (the referral's
 * reason, what the provider did), the ground (the consent and the day it was given, or the override
 * with who made it, when and why) and who disclosed it. Oldest first, as core gives them.
 *
 * The period is `from`–`to` (calendar days, both included, on the manager's calendar); by default the
 * six years through `manager.today()`, as §164.528 allows. The period selector sets `from` and `to`.
 *
 * Reading the account is audited by core, so the element reads it (and the client's name and
 * language, for the heading and the copy) only when it connects, when the manager or `client-id`
 * changes, and when the period changes: never on other changes. Only actors the policy lets read the
 * client's audit trail see it (by default supervisors, admins and viewers, not case managers or
 * providers): others get a plain notice, and nothing is read.
 *
 * `focus()` goes to the heading.
 *
 * @fires ck-error - Core refused the read or failed. `detail: ErrorDetail` (`operation: 'load'`).
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when nothing was disclosed in the period.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading (focused by `focus()`).
 * @csspart header-actions - The Print button and the `header-end` slot.
 * @csspart summary - The period and the number of disclosures.
 * @csspart notice - The notice shown to an actor who may not read the account.
 * @csspart alert - The error banner.
 * @csspart period-form - The period selector.
 * @csspart field-error - A date field's error.
 * @csspart table-scroll - The scroll box around the table (narrow screens).
 * @csspart table - The table of disclosures.
 * @csspart row - One disclosure.
 * @csspart date - Its date.
 * @csspart recipient - With whom (and what kind of disclosure).
 * @csspart information - What was shared.
 * @csspart purpose - Why, and on what grounds.
 * @csspart basis - The ground: consent or override.
 * @csspart by - Who disclosed it.
 * @csspart empty - The "nothing shared" text.
 * @csspart skeletons - Placeholder rows while loading (the element is `aria-busy` then).
 * @csspart skeleton - One placeholder row.
 * @csspart print-toolbar - Buttons above the printable copy (not printed).
 * @csspart print - The client's printable copy.
 *
 * @cssprop --ck-disclosures-background - Element background.
 * @cssprop --ck-disclosures-row-border - Border between rows.
 * @cssprop --ck-disclosures-override - Color of an override ground (default: the warning color).
 * @cssprop --ck-disclosures-print-font-size - Font size of the printable copy. Default 1.0625rem.
 */
export class CkDisclosures extends CasekitElement {
  static override styles = [sharedStyles, dateHintStyles, skeletonStyles, disclosuresStyles];

  /** The client whose disclosures are accounted for. */
  @property({ attribute: 'client-id', reflect: true }) clientId?: string;

  /** First day of the period (`YYYY-MM-DD`, included). Default: six years before `to`. */
  @property({ reflect: true }) from?: string;

  /** Last day of the period (`YYYY-MM-DD`, included). Default: `manager.today()`. */
  @property({ reflect: true }) to?: string;

  /** A line naming the agency (name, address, phone), printed at the top of the client's copy. */
  @property() agency?: string;

  /** Language of the printed copy. Default: the client's preferred language when casekit has it, else the element's. */
  @property({ attribute: 'print-language' }) printLanguage?: string;

  /** Heading level of the element's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Accounting of disclosures", translated. */
  @property() label?: string;

  @state() private data?: DisclosureAccount;
  @state() private client?: Client;
  /** The period the shown account covers (days). */
  @state() private shownPeriod?: DayPeriod;
  @state() private loaded = false;
  @state() private loading = false;
  @state() private denied = false;
  @state() private message?: string;
  @state() private draft: Record<PeriodField, string> = { from: '', to: '' };
  @state() private draftErrors: Partial<Record<PeriodField, string>> = {};
  @state() private view: 'list' | 'print' = 'list';
  @state() private printCopy?: PrintLanguage;

  // No onChange reload: the read is audited, so it happens on connect and on property changes only.
  private readonly casekit = new ManagerController(this, {
    collections: ['clients'],
    onManager: () => void this.refresh(),
    onChange: () => undefined,
  });
  private readonly runner = new SerialRunner(() => this.load());
  private focusAfterRender?: string;

  /** The account shown (undefined until loaded, or when the actor may not read it). */
  get account(): DisclosureAccount | undefined {
    return this.data;
  }

  /** Resolves when the account has been read (or refused) and rendered. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner]);
  }

  /** Reads the account again (each read is audited by core). */
  async refresh(): Promise<void> {
    await this.runner.run();
    await this.runner.idle();
  }

  /**
   * Shows the client's copy (the account shown, in the client's language when casekit has it) and
   * opens the browser's print dialog; the list comes back after printing.
   */
  async print(): Promise<void> {
    if (!this.data) return;
    this.printCopy = await resolvePrintLanguage(this.printLanguage || this.client?.language, { locale: this.localize.lang, table: this.localize.t });
    this.view = 'print';
    await this.updateComplete;
    window.addEventListener('afterprint', () => this.closePrint(), { once: true });
    window.print();
  }

  protected override focusTarget(): HTMLElement | null {
    return focusableHeading(this.renderRoot.querySelector<HTMLElement>('#disclosures-heading'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) return;
    if (changed.has('clientId')) {
      this.data = undefined;
      this.client = undefined;
      this.loaded = false;
      this.closePrint();
    }
    if (changed.has('clientId') || changed.has('from') || changed.has('to')) void this.refresh();
  }

  protected override updated(): void {
    if (!this.focusAfterRender) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
    this.focusAfterRender = undefined;
    target?.focus();
  }

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private get todayDate(): string {
    return this.activeManager?.today() ?? new Date().toISOString().slice(0, 10);
  }

  private period(): DayPeriod {
    return disclosurePeriod(this.from, this.to, this.todayDate);
  }

  /**
   * Whether to ask at all: core reads the account as the client's audit trail. Asked without the
   * client's cases (reading them would be one more audited read), which a policy that needs them
   * answers "no" to: core is asked only when the answer is yes, and still decides.
   */
  private mayRead(manager: CaseManager, clientId: string): boolean {
    return manager.can({ action: 'read', collection: 'audit', record: { clientId } }) && manager.can({ action: 'read', collection: 'clients', record: { id: clientId } });
  }

  // ---------------------------------------------------------------- data

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const clientId = this.clientId;
    const period = this.period();
    this.draft = { ...period };
    this.draftErrors = {};
    if (!manager || !clientId) {
      this.data = undefined;
      this.client = undefined;
      this.denied = false;
      this.loaded = !!manager;
      return;
    }
    if (!this.mayRead(manager, clientId)) {
      this.data = undefined;
      this.client = undefined;
      this.denied = true;
      this.loaded = true;
      return;
    }
    this.loading = true;
    try {
      const account = await manager.disclosures.forClient(clientId, periodInstants(period, manager.timeZone));
      // The name and language for the heading and the copy; the account stands without them.
      const client = this.client?.id === clientId ? this.client : await manager.clients.get(clientId).catch(() => undefined);
      if (clientId !== this.clientId) return;
      this.data = account;
      this.client = client;
      this.shownPeriod = period;
      this.denied = false;
      this.message = undefined;
    } catch (error) {
      if (clientId !== this.clientId) return;
      this.data = undefined;
      const described = this.reportError(error, 'load');
      this.denied = hasErrorCode(error, 'permission');
      this.message = this.denied ? undefined : described.message;
    } finally {
      this.loading = false;
      this.loaded = true;
    }
  }

  // ---------------------------------------------------------------- period

  private submitPeriod(e: Event): void {
    e.preventDefault();
    const t = this.localize.t.disclosures;
    const { from, to } = this.draft;
    const errors: Partial<Record<PeriodField, string>> = {};
    if (!isDay(from)) errors.from = t.dateRequired;
    if (!isDay(to)) errors.to = t.dateRequired;
    if (!errors.from && !errors.to && from > to) errors.from = t.periodOrder;
    this.draftErrors = errors;
    if (errors.from || errors.to) {
      this.focusAfterRender = `[name="${errors.from ? 'from' : 'to'}"]`;
      return;
    }
    // Setting the properties reloads (willUpdate); an unchanged period reads nothing again.
    this.from = from;
    this.to = to;
  }

  private closePrint(): void {
    if (this.view !== 'print') return;
    this.view = 'list';
    this.printCopy = undefined;
    this.focusAfterRender = '[data-action="print"]';
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const busy = this.loading || !this.loaded;
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="disclosures-heading" aria-busy=${busy ? 'true' : 'false'}>
      ${this.view === 'print' && this.printCopy && this.data ? this.renderPrint(this.printCopy, this.data) : this.renderList()}
    </section>`;
  }

  private renderPrint(language: PrintLanguage, account: DisclosureAccount): TemplateResult {
    const manager = this.activeManager;
    return renderPrintView(
      {
        clientName: this.client ? displayName(this.client.name) : '',
        agency: this.agency,
        period: this.shownPeriod ?? this.period(),
        disclosures: account.disclosures,
        today: this.todayDate,
        timeZone: manager?.timeZone ?? 'UTC',
        language,
      },
      this.localize.t,
      () => this.closePrint(),
      () => window.print(),
    );
  }

  private renderList(): TemplateResult {
    const t = this.localize.t;
    const d = t.disclosures;
    const manager = this.activeManager;
    const account = this.data;
    const heading = this.label ?? d.label;
    return html`<div class="header" part="header">
        <div class="titles">
          <div role="heading" aria-level=${this.headingLevel} id="disclosures-heading" class="heading" part="heading" tabindex="-1">${heading}</div>
          ${this.client ? html`<p class="client" data-field="client">${displayName(this.client.name)}</p>` : nothing}
        </div>
        <div class="header-actions" part="header-actions">
          ${account ? html`<button type="button" class="ck-button" data-action="print" @click=${() => void this.print()}>${this.printButtonLabel()}</button>` : nothing}
          <slot name="header-end"></slot>
        </div>
      </div>
      ${!manager
        ? html`<p class="muted">${t.errors.noManager}</p>`
        : !this.clientId
          ? html`<p class="muted">${d.noClient}</p>`
          : this.denied
            ? html`<p class="notice" part="notice" role="note">${d.notAllowed}</p>`
            : this.renderAccount(account)}`;
  }

  private renderAccount(account: DisclosureAccount | undefined): TemplateResult {
    const t = this.localize.t;
    const d = t.disclosures;
    const shown = this.shownPeriod ?? this.period();
    const day = (date: string) => this.localize.date(date, { dateStyle: 'medium' });
    const summary = html`<p class="summary" part="summary" aria-live="polite">
      <span data-field="period">${d.period(day(shown.from), day(shown.to))}</span>${account ? html` · <span data-field="count">${d.count(account.disclosures.length, this.localize.number(account.disclosures.length))}</span>` : nothing}
    </p>`;
    return html`${summary} ${this.renderPeriodForm()}
      ${this.message
        ? html`<div class="ck-alert" part="alert" role="alert">
            <span>${this.message}</span>
            <button type="button" class="ck-button" @click=${() => void this.refresh()}>${t.common.retry}</button>
          </div>`
        : nothing}
      ${!account
        ? this.message
          ? nothing
          : html`<p class="sr-only">${t.common.loading}</p>
              ${renderSkeletons(3)}`
        : account.disclosures.length
          ? renderDisclosureTable(d, account.disclosures.map((disclosure) => ({ disclosure, words: this.wordsOf(disclosure) })))
          : html`<slot name="empty"><p class="empty" part="empty">${d.empty}</p></slot>`}`;
  }

  private wordsOf(disclosure: Disclosure): DisclosureWords {
    return disclosureWords(disclosure, {
      table: this.localize.t,
      locale: this.localize.lang,
      timeZone: this.activeManager?.timeZone ?? 'UTC',
      day: (date) => this.localize.date(date, { dateStyle: 'medium' }),
    });
  }

  private renderPeriodForm(): TemplateResult {
    const d = this.localize.t.disclosures;
    const field = (name: PeriodField, label: string) => {
      const error = this.draftErrors[name];
      const described = [`period-${name}-hint`, error ? `period-${name}-error` : ''].filter(Boolean).join(' ');
      return html`<label class="ck-field">
        <span>${label}</span>
        <input
          type="date"
          name=${name}
          .value=${this.draft[name]}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${described}
          @input=${(e: Event) => (this.draft = { ...this.draft, [name]: (e.target as HTMLInputElement).value })}
        />
        ${renderDateHint(`period-${name}-hint`, this.draft[name], this.localize)}
        ${error ? html`<span class="ck-field-error" part="field-error" id="period-${name}-error">${error}</span>` : nothing}
      </label>`;
    };
    return html`<form class="period-form" part="period-form" novalidate @submit=${this.submitPeriod}>
      <fieldset>
        <legend>${d.periodLegend}</legend>
        <div class="period-fields">
          ${field('from', d.from)} ${field('to', d.to)}
          <button type="submit" class="ck-button" data-action="show-period">${d.showPeriod}</button>
        </div>
      </fieldset>
    </form>`;
  }

  /** "Print copy", or "Print copy (Spanish)" when the client's copy will be in another language than the page. */
  private printButtonLabel(): string {
    const d = this.localize.t.disclosures;
    const other = otherPrintLanguage(this.printLanguage || this.client?.language, this.localize.lang);
    return other ? d.printIn(languageName(other, this.localize.lang)) : d.print;
  }
}

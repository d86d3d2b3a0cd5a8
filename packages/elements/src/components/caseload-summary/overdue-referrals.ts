import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { calendarDateIn, hasErrorCode, type CaseManager, type CaseRecord, type Referral } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { SerialRunner } from '../../internal/serial-runner.js';

const DAY = 86_400_000;

/** The summary's scope: only referrals of cases of this assignee / program count. */
export interface OverdueScope {
  assigneeId?: string;
  program?: string;
}

export interface OverdueReferralsOptions {
  manager: () => CaseManager | undefined;
  /** The scope of the report shown (undefined until it has loaded). */
  scope: () => OverdueScope | undefined;
  onError: (error: unknown) => void;
}

/**
 * Loads the referrals waiting past their acknowledgement deadline (`manager.referrals.overdue()`),
 * kept to the summary's scope. Only on demand: every read is audited and `overdue()` walks every sent
 * referral, so the summary reads them when the list is shown (and again on changes while it is shown),
 * never just because the summary rendered.
 */
export class OverdueReferralsController implements ReactiveController {
  /** The referrals in scope, most overdue first, with their case when it had to be read for the scope. */
  items: { referral: Referral; caseRecord?: CaseRecord }[] = [];
  loaded = false;
  private readonly runner = new SerialRunner(() => this.load());
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: OverdueReferralsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** (Re)reads the list; calls made while a read runs collapse into one more. */
  reload(): Promise<void> {
    return this.runner.run();
  }

  /** Resolves when no read is running or queued. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async load(): Promise<void> {
    const manager = this.options.manager();
    const scope = this.options.scope();
    const gen = ++this.generation;
    if (!manager || !scope) return;
    try {
      const late = await manager.referrals.overdue();
      const items = scope.assigneeId || scope.program ? await this.inScope(manager, late, scope) : late.map((referral) => ({ referral }));
      if (gen !== this.generation) return;
      this.items = items;
      this.loaded = true;
    } catch (error) {
      if (gen !== this.generation) return;
      this.items = [];
      this.loaded = true;
      this.options.onError(error);
    }
    this.host.requestUpdate();
  }

  /** Keeps the referrals whose case is in scope, as the report does (a case this actor may not read is left out). */
  private async inScope(manager: CaseManager, late: Referral[], scope: OverdueScope) {
    const ids = [...new Set(late.map((r) => r.caseId))];
    const cases = new Map<string, CaseRecord | undefined>();
    await Promise.all(
      ids.map(async (id) =>
        cases.set(
          id,
          await manager.cases.get(id).catch((error: unknown) => {
            if (hasErrorCode(error, 'permission') || hasErrorCode(error, 'not-found')) return undefined;
            throw error;
          }),
        ),
      ),
    );
    return late.flatMap((referral) => {
      const caseRecord = cases.get(referral.caseId);
      const matches = !!caseRecord && (!scope.assigneeId || caseRecord.assigneeId === scope.assigneeId) && (!scope.program || caseRecord.program === scope.program);
      return matches ? [{ referral, caseRecord }] : [];
    });
  }
}

export interface OverdueListContext {
  localize: LocalizeController;
  /** Today in the manager's time zone (or the element's override). */
  today: string;
  timeZone: string;
  headingLevel: number;
  onOpen: (referral: Referral, caseRecord?: CaseRecord) => void;
}

/** How many whole days before `today` the deadline's day was, in the manager's time zone. */
export function daysOverdue(dueAt: string, today: string, timeZone: string): number {
  return Math.max(0, Math.round((Date.parse(today) - Date.parse(calendarDateIn(new Date(dueAt), timeZone))) / DAY));
}

/** The list: client, service and organisation, how long overdue, and an "Open case" button per referral. */
export function renderOverdueList(controller: OverdueReferralsController, ctx: OverdueListContext): TemplateResult {
  const t = ctx.localize.t;
  const s = t.caseloadSummary;
  const body = !controller.loaded
    ? html`<p class="muted">${t.common.loading}</p>`
    : !controller.items.length
      ? html`<p class="muted">${s.overdueNone}</p>`
      : html`<ul class="overdue-list" part="overdue-list" role="list">
          ${controller.items.map(({ referral: r, caseRecord }) => {
            const due = r.acknowledgementDueAt!;
            const when = ctx.localize.relative(-daysOverdue(due, ctx.today, ctx.timeZone), 'day');
            const date = ctx.localize.date(due, { dateStyle: 'medium', timeZone: ctx.timeZone });
            return html`<li class="overdue-item" part="overdue-item" data-referral=${r.id}>
              <span class="overdue-client">${r.clientName}</span>
              <span class="overdue-service">${r.service.serviceName} · ${r.service.organizationName}</span>
              <span class="overdue-due">${s.overdueDue(when, date)}</span>
              <button type="button" class="ck-button" part="open-case" aria-label=${s.openCaseOf(r.clientName, r.service.serviceName)} @click=${() => ctx.onOpen(r, caseRecord)}>
                ${s.openCase}
              </button>
            </li>`;
          })}
        </ul>`;
  return html`<section class="panel overdue" part="panel overdue" id="overdue-referrals" data-panel="overdue" aria-labelledby="overdue-heading" aria-busy=${controller.loaded ? 'false' : 'true'}>
    <div role="heading" aria-level=${ctx.headingLevel} id="overdue-heading" class="panel-heading" part="panel-heading">${s.overdueReferrals}</div>
    ${body}
  </section>`;
}


import type { WorklistItem, WorklistReason, WorklistReasonCode } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { WorklistReasonText } from '../../translations/types.js';

/** Days from calendar date `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Words a row's parts from the codes and params core returned, in the element's language. Nothing here
 * invents a fact: a param the reason lacks is simply not said.
 */
export class WorklistText {
  constructor(
    private readonly localize: LocalizeController,
    /** The list's time zone, for instants (a referral's deadline, a consent's end). */
    private readonly timeZone: string | undefined,
  ) {}

  private get t() {
    return this.localize.t;
  }

  /** A calendar date or an instant, as a medium date (instants in the list's time zone). */
  date(value: string): string {
    return this.localize.date(value, this.timeZone ? { dateStyle: 'medium', timeZone: this.timeZone } : { dateStyle: 'medium' });
  }

  /** What the row asks: "Contact due". A kind newer than this table reads as its code in words. */
  kind(item: WorklistItem): string {
    return this.t.worklist.kinds[item.kind] ?? this.t.worklist.unknownReason(item.kind);
  }

  /** For whom: the client's name when core gave it, else the case title or program, else the service. */
  subject(item: WorklistItem): string {
    const s = item.subject;
    return s.clientName ?? s.caseTitle ?? this.program(s.program) ?? s.serviceName ?? s.organizationName ?? this.t.worklist.noSubject;
  }

  /** What else the row is about (case, plan, task, organisation), each only when present and not already the subject. */
  details(item: WorklistItem): string[] {
    const s = item.subject;
    const subject = this.subject(item);
    const caseText = s.caseTitle ?? this.program(s.program);
    const parts = [caseText, s.taskDescription ?? s.planTitle, s.granteeName, item.kind === 'referral-overdue' || item.kind === 'new-referral' ? s.serviceName ?? s.organizationName : undefined];
    return [...new Set(parts.filter((p): p is string => !!p && p !== subject))];
  }

  /** "Contact due — Rosa Hernández": the row's name in buttons, the snooze form and announcements. */
  title(item: WorklistItem): string {
    return `${this.kind(item)} — ${this.subject(item)}`;
  }

  /** When: "3 days overdue (due Nov 20, 2026)", "Due today (Nov 24, 2026)"; undated rows say nothing. */
  when(item: WorklistItem, today: string): string | undefined {
    if (!item.dueDate) return undefined;
    const date = this.date(item.dueDate);
    if (item.daysOverdue > 0) return this.t.worklist.overdueBy(item.daysOverdue, this.localize.number(item.daysOverdue), date);
    return this.t.worklist.dueRelative(this.localize.relative(daysBetween(today, item.dueDate), 'day'), date);
  }

  /** One reason in words, from its code and params; an unknown code reads as its code in words. */
  reason(reason: WorklistReason): string {
    const w = this.t.worklist;
    const word = (w.reasons as Partial<Record<string, (p: WorklistReasonText) => string>>)[reason.code as WorklistReasonCode];
    if (typeof word !== 'function') return w.unknownReason(String(reason.code));
    return word(this.params(reason));
  }

  private params(reason: WorklistReason): WorklistReasonText {
    const p: WorklistReasonText = {};
    const days = num(reason['days']);
    if (days !== undefined) Object.assign(p, { days, daysText: this.localize.number(days) });
    const date = str(reason['dueAt']) ?? str(reason['reviewDate']) ?? str(reason['dueDate']) ?? str(reason['expiresAt']) ?? str(reason['requestedAt']);
    if (date) p.date = this.date(date);
    const daysLeft = num(reason['daysLeft']);
    if (daysLeft !== undefined) Object.assign(p, { daysLeft, daysLeftText: this.localize.number(daysLeft) });
    const referrals = num(reason['referrals']);
    if (referrals !== undefined) Object.assign(p, { referrals, referralsText: this.localize.number(referrals) });
    const label = this.label(reason);
    if (label) p.label = label;
    return p;
  }

  private label(reason: WorklistReason): string | undefined {
    const t = this.t;
    const pick = (table: Record<string, string>, value: unknown) => (str(value) ? (table[value as string] ?? (value as string)) : undefined);
    switch (reason.code) {
      case 'priority':
        return pick(t.priority, reason['priority']);
      case 'risk':
        return pick(t.risk, reason['riskLevel']);
      case 'referral-urgency':
        return pick(t.referralTracker.urgency, reason['urgency']);
      case 'closure-awaiting-approval':
        return pick(t.closureReasons, reason['closureReason']);
      default:
        return undefined;
    }
  }

  private program(program: string | undefined): string | undefined {
    return program ? (this.t.programs[program] ?? program) : undefined;
  }
}

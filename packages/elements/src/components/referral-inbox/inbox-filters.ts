import { REFERRAL_STATUSES, type Referral, type ReferralStatus } from '@casekit/core';

/** The inbox's views by the statuses each lists; `all` is every sent referral (core's default). */
export const INBOX_FILTERS = {
  all: undefined,
  new: ['requested'],
  inProgress: ['accepted', 'in-progress', 'on-hold'],
  closed: ['rejected', 'completed', 'failed', 'cancelled', 'entered-in-error'],
} as const satisfies Record<string, readonly ReferralStatus[] | undefined>;

export type InboxFilter = keyof typeof INBOX_FILTERS;
export const INBOX_FILTER_KEYS = Object.keys(INBOX_FILTERS) as InboxFilter[];

/** The view `statuses` amounts to, or `custom` when a host set a list no view has. */
export function filterOf(statuses: readonly ReferralStatus[] | undefined): InboxFilter | 'custom' {
  if (!statuses) return 'all';
  const wanted = new Set(statuses);
  for (const key of INBOX_FILTER_KEYS) {
    const list: readonly ReferralStatus[] | undefined = INBOX_FILTERS[key];
    if (list && list.length === wanted.size && list.every((s) => wanted.has(s))) return key;
  }
  return 'custom';
}

/** `statuses="requested accepted"` (spaces or commas); unknown words are dropped, an empty list is no filter. */
export const statusesConverter = {
  fromAttribute(value: string | null): ReferralStatus[] | undefined {
    const list = (value ?? '').split(/[\s,]+/).filter((s): s is ReferralStatus => (REFERRAL_STATUSES as readonly string[]).includes(s));
    return list.length ? list : undefined;
  },
  toAttribute(value: readonly ReferralStatus[] | undefined): string | null {
    return value?.length ? value.join(' ') : null;
  },
};

const sentAt = (r: Referral) => Date.parse(r.requestedAt ?? r.createdAt);

/** Waiting for an answer first, then the rest; newest sent first within each. */
export function inboxOrder(a: Referral, b: Referral): number {
  const waiting = Number(b.status === 'requested') - Number(a.status === 'requested');
  return waiting || sentAt(b) - sentAt(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

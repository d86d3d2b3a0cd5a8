import { NotFoundError, ValidationError } from '../errors/errors.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { CarePlan } from '../care-plan/plan-schema.js';
import type { Client } from '../client/client-schema.js';
import { displayName } from '../client/client-schema.js';
import type { Consent } from '../consent/consent-schema.js';
import { calendarDateIn, startOfNextDayIn } from '../internal/calendar.js';
import type { ManagerContext } from '../internal/context.js';
import { defaultPolicy } from '../policy/policy.js';
import { parse, parseOptions } from '../internal/parse.js';
import type { Referral } from '../referral/referral-schema.js';
import type { CollectionName } from '../records/record.js';
import type { StoredRecord } from '../storage/storage-port.js';
import { collectCandidates, type Candidate, type Judging } from './candidates.js';
import { compareItems, decodeWorklistCursor, encodeWorklistCursor, modifier, resolveRanking, scoreOf } from './ranking.js';
import { hides, readWorklistState, writeWorklistEntry } from './worklist-state.js';
import {
  SnoozeOptionsSchema,
  WORKLIST_KINDS,
  WorklistItemIdSchema,
  WorklistKindSchema,
  WorklistOptionsSchema,
  WorklistSettingsSchema,
  type SnoozeOptions,
  type WorklistCounts,
  type WorklistItem,
  type WorklistKind,
  type WorklistOptions,
  type WorklistPage,
  type WorklistSettings,
} from './worklist-schema.js';

/**
 * The actor's "today" queue: one ranked list, across their caseload, of what needs doing (see
 * `WorklistKind`). Call it for a page; `snooze` and `done` act on a row by its `id`.
 */
export interface WorklistApi {
  /**
   * One page of the ranked worklist, with counts over the whole list. Every row names its reasons (codes
   * with params and the weight each added); rows sort by score, then due date, then id. Only records
   * the policy lets the actor read are listed or counted, and the page's records are audited as one read.
   */
  (options?: WorklistOptions): Promise<WorklistPage>;
  /**
   * Hides a row from this actor's worklist until `until` (a later day), with the reason why it can
   * wait. The actor must be able to read the row's record; the snooze is an audited write of theirs.
   */
  snooze(itemId: string, options: SnoozeOptions): Promise<void>;
  /**
   * Marks a row done: it leaves this actor's worklist until its record changes (a new due date, a new
   * status, any edit), when it is judged again. Audited like `snooze`.
   */
  done(itemId: string): Promise<void>;
}

/** The worklist's methods, before the guard (see case-manager.ts, which makes the callable). */
export interface WorklistMethods {
  list(options?: WorklistOptions): Promise<WorklistPage>;
  snooze(itemId: string, options: SnoozeOptions): Promise<void>;
  done(itemId: string): Promise<void>;
}

export function parseWorklistSettings(input: WorklistSettings | undefined): WorklistSettings {
  return parse(WorklistSettingsSchema, input ?? {}, ['worklist']);
}

export function createWorklistApi(context: ManagerContext, settings: WorklistSettings): WorklistMethods {
  function judge(options: ReturnType<typeof WorklistOptionsSchema.parse>): Judging & { list: string } {
    const timeZone = options.timeZone ?? context.settings.timeZone;
    const now = Date.parse(context.now());
    const today = options.date ?? calendarDateIn(new Date(now), timeZone);
    // Another day than today is judged as of its end; today as of now.
    const asOf = options.date !== undefined && options.date !== calendarDateIn(new Date(now), timeZone) ? startOfNextDayIn(options.date, timeZone) - 1 : now;
    const assigneeId = options.assigneeId ?? (context.actor.role === 'case-manager' ? context.actor.id : undefined);
    const probe = { assigneeId, careTeam: [] } as unknown as CaseRecord;
    // Like `cases.query`: asking for another's caseload without the right is refused; a role with no
    // case access at all (a provider) simply has no case rows.
    if (options.assigneeId !== undefined) context.authorize({ action: 'read', collection: 'cases', record: probe, case: probe });
    const caseScoped = context.allows({ action: 'read', collection: 'cases', record: probe, case: probe });
    const ranking = resolveRanking(settings.ranking, options.ranking);
    const kinds = new Set<WorklistKind>(options.kinds ?? WORKLIST_KINDS);
    const consentExpiryDays = options.consentExpiryDays ?? settings.consentExpiryDays ?? 14;
    const referralCompletionDays = options.referralCompletionDays ?? settings.referralCompletionDays ?? 30;
    const list = fingerprint(JSON.stringify([today, timeZone, asOf === now ? 'now' : asOf, [...kinds].sort(), ranking, assigneeId ?? '', consentExpiryDays, referralCompletionDays]));
    return { today, timeZone, asOf, ranking, kinds, assigneeId, caseScoped, consentExpiryDays, referralCompletionDays, list };
  }

  /**
   * Client facts a row may show or rank by, only for clients the actor may read (as `clients.get`
   * decides). Clients are read only when needed: the page's, for their names, and those whose
   * interpreter need the row's case does not carry (see `interpreterNeeded`).
   */
  function clientFacts(candidates: readonly Candidate[]) {
    const clients = new Map<string, Client | undefined>();
    const readable = new Map<string, boolean>();
    // The cases of each client already read and allowed for this actor (the rows' own cases).
    const known = new Map<string, CaseRecord[]>();
    for (const c of candidates) if (c.caseRecord && c.clientId) known.set(c.clientId, [...(known.get(c.clientId) ?? []), c.caseRecord]);
    // Under `defaultPolicy` a client is readable through any case the actor may read, whatever the
    // client's other cases: a row's own case answers it exactly, without loading every case of the
    // client. Any other policy may look at all of them, so it gets all of them.
    const shortcut = context.policy === defaultPolicy;
    const casesFor = async (id: string) => (shortcut && known.has(id) ? known.get(id)! : context.casesOfClient(id));
    const decide = async (clientIds: readonly string[]) => {
      const missing = [...new Set(clientIds)].filter((id) => !clients.has(id));
      (await context.storage.getMany<Client & StoredRecord>('clients', missing)).forEach((client, i) => clients.set(missing[i]!, client));
      const pending = [...new Set(clientIds)].filter((id) => !readable.has(id) && clients.get(id));
      await Promise.all(pending.map(async (id) => readable.set(id, context.mayReadClientRecord(clients.get(id), await casesFor(id)))));
    };
    const readableClient = (id: string | undefined) => (id !== undefined && readable.get(id) === true ? clients.get(id) : undefined);
    /**
     * The row's case carries the client's interpreter need (`clientInterpreterNeeded`, kept in step by
     * core), and under `defaultPolicy` the client is readable whenever that case is: the case answers.
     */
    const fromCase = (c: Candidate) => (shortcut && c.caseRecord && c.caseRecord.clientId === c.clientId ? c.caseRecord.clientInterpreterNeeded : undefined);
    return {
      decide,
      readable: readableClient,
      /** Reads the clients whose interpreter need no row's case answers; call before `interpreterNeeded`. */
      prepare: () => decide(candidates.flatMap((c) => (c.clientId && fromCase(c) === undefined ? [c.clientId] : []))),
      interpreterNeeded: (c: Candidate) => fromCase(c) ?? readableClient(c.clientId)?.interpreterNeeded === true,
    };
  }

  return {
    async list(optionsInput) {
      const options = parseOptions(WorklistOptionsSchema, optionsInput);
      const judging = judge(options);
      const after = options.cursor !== undefined ? decodeWorklistCursor(options.cursor, judging.list) : undefined;
      const stateRead = readWorklistState(context);
      const candidates = await collectCandidates(context, judging);
      const facts = clientFacts(candidates);
      // Interpreter need moves rows, so it is known for every candidate before ranking.
      await facts.prepare();
      const state = await stateRead;
      let snoozed = 0;
      const rows: (WorklistItem & { caseRecord?: CaseRecord })[] = [];
      for (const candidate of candidates) {
        const entry = state.entries[candidate.id];
        if (hides(entry, judging.today, candidate.recordRef.version)) {
          if (entry.state === 'snoozed') snoozed++;
          continue;
        }
        const reasons = facts.interpreterNeeded(candidate) ? [...candidate.reasons, ...modifier({ code: 'interpreter-needed', weight: judging.ranking.interpreterNeeded })] : candidate.reasons;
        rows.push({ ...candidate, reasons, score: scoreOf(reasons) });
      }
      rows.sort(compareItems);
      const start = after ? rows.findIndex((row) => compareItems(row, after) > 0) : 0;
      const from = start < 0 ? rows.length : start;
      const slice = rows.slice(from, from + options.limit);
      await facts.decide(slice.flatMap((row) => (row.clientId ? [row.clientId] : [])));
      const items: WorklistItem[] = slice.map(({ caseRecord: _case, ...row }) => {
        const client = facts.readable(row.clientId);
        return client ? { ...row, subject: { clientName: displayName(client.name), ...row.subject } } : row;
      });
      await discloseRows(context, slice, items, facts.readable);
      const last = items[items.length - 1];
      const more = from + options.limit < rows.length;
      return {
        items,
        ...(more && last ? { nextCursor: encodeWorklistCursor({ score: last.score, ...(last.dueDate ? { dueDate: last.dueDate } : {}), id: last.id, list: judging.list }) } : {}),
        counts: countsOf(rows, snoozed),
        date: judging.today,
        timeZone: judging.timeZone,
      };
    },

    async snooze(itemIdInput, optionsInput) {
      const itemId = parse(WorklistItemIdSchema, itemIdInput, ['itemId']);
      const options = parse(SnoozeOptionsSchema, optionsInput, ['options']);
      const today = context.today();
      if (options.until <= today) throw new ValidationError([{ path: ['options', 'until'], code: 'too_small', message: 'Snooze until a day after today' }]);
      const target = await resolveRow(context, itemId);
      await writeWorklistEntry(context, itemId, { state: 'snoozed', until: options.until, reason: options.reason, on: today }, {
        caseId: target.caseId,
        clientId: target.clientId,
        reason: `worklist: snoozed ${itemId} until ${options.until}: ${options.reason}`,
      });
    },

    async done(itemIdInput) {
      const itemId = parse(WorklistItemIdSchema, itemIdInput, ['itemId']);
      const target = await resolveRow(context, itemId);
      await writeWorklistEntry(context, itemId, { state: 'done', version: target.version, on: context.today() }, {
        caseId: target.caseId,
        clientId: target.clientId,
        reason: `worklist: done ${itemId} (${target.collection}/${target.recordId} version ${target.version})`,
      });
    },
  };
}

function countsOf(rows: readonly WorklistItem[], snoozed: number): WorklistCounts {
  const byKind: Partial<Record<WorklistKind, number>> = {};
  let overdue = 0;
  for (const row of rows) {
    byKind[row.kind] = (byKind[row.kind] ?? 0) + 1;
    if (row.daysOverdue > 0) overdue++;
  }
  return { total: rows.length, byKind, overdue, snoozed };
}

/** One audit event per collection shown: the rows' records, their cases, and the clients named. */
async function discloseRows(context: ManagerContext, rows: readonly (WorklistItem & { caseRecord?: CaseRecord })[], items: readonly WorklistItem[], readable: (id: string | undefined) => Client | undefined): Promise<void> {
  const shown = new Map<CollectionName, Map<string, { id: string; version: number }>>();
  const add = (collection: CollectionName, record: { id: string; version: number }) => {
    if (!shown.has(collection)) shown.set(collection, new Map());
    shown.get(collection)!.set(record.id, record);
  };
  for (const row of rows) {
    add(row.recordRef.collection, row.recordRef);
    if (row.caseRecord) add('cases', row.caseRecord);
  }
  for (const item of items) {
    const client = item.subject.clientName !== undefined ? readable(item.clientId) : undefined;
    if (client) add('clients', client as Client & { id: string; version: number });
  }
  if (!shown.size) return;
  const writer = context.writer();
  for (const [collection, records] of shown) context.queueDisclosure(writer, collection, [...records.values()], { scope: 'worklist' });
  await writer.commit();
}

interface RowTarget {
  collection: CollectionName;
  recordId: string;
  version: number;
  caseId?: string;
  clientId?: string;
}

/** The record behind a row id, which the actor must be able to read (as the worklist would list it). */
async function resolveRow(context: ManagerContext, itemId: string): Promise<RowTarget> {
  const colon = itemId.indexOf(':');
  const kind = parse(WorklistKindSchema, itemId.slice(0, colon), ['itemId']);
  const rest = itemId.slice(colon + 1);
  const load = async <T>(collection: CollectionName, id: string) => {
    const record = await context.storage.get(collection, id);
    if (!record) throw new NotFoundError(collection, id);
    return record as unknown as T & { id: string; version: number };
  };
  switch (kind) {
    case 'contact-due':
    case 'closure-approval':
    case 'transfer-request': {
      const c = await load<CaseRecord>('cases', rest);
      context.authorize({ action: 'read', collection: 'cases', record: c, case: c });
      return { collection: 'cases', recordId: c.id, version: c.version, caseId: c.id, clientId: c.clientId };
    }
    case 'referral-overdue':
    case 'new-referral': {
      const r = await load<Referral>('referrals', rest);
      context.authorize({ action: 'read', collection: 'referrals', record: r, case: await load<CaseRecord>('cases', r.caseId) });
      return { collection: 'referrals', recordId: r.id, version: r.version, caseId: r.caseId, clientId: r.clientId };
    }
    case 'plan-review-due':
    case 'activation-approval':
    case 'task-due': {
      const planId = kind === 'task-due' ? rest.split('/')[0]! : rest;
      const plan = await load<CarePlan>('plans', planId);
      context.authorize({ action: 'read', collection: 'plans', record: plan, case: await load<CaseRecord>('cases', plan.caseId) });
      return { collection: 'plans', recordId: plan.id, version: plan.version, caseId: plan.caseId, clientId: plan.clientId };
    }
    case 'consent-expiring': {
      const consent = await load<Consent>('consents', rest);
      context.authorizeClientRead(consent, await context.casesOfClient(consent.clientId), 'consents');
      return { collection: 'consents', recordId: consent.id, version: consent.version, clientId: consent.clientId };
    }
  }
}

/** A short, stable digest of the list's options (FNV-1a), so a cursor names the list it belongs to. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

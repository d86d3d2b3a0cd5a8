// The worklist section of the storage bench (run by bench-page.ts in headless Chromium): the first page
// of `manager.worklist` for one case manager on IndexedDB, beside what a competent developer writes by
// hand with Dexie for the same rows (the same kinds, candidates through compound indexes, scored, sorted
// and sliced), in the same page and run. Numbers are reported, never asserted.
import { Dexie } from 'dexie';
import { createCaseManager, type CaseRecord, type StoredRecord } from '@casekit/core';
import { benchClients } from '../../devtools/bench-caseload.js';
import { createDexieStorage } from '../src/index.js';

interface Row {
  area: string;
  metric: string;
  target: string;
  budget?: number;
  casekit: number[] | number | string;
  baseline?: number[] | number | string;
  baselineHow?: string;
  note?: string;
}

/** "Today" of the bench: the fixture's due dates run from 4 July to 1 September 2026. */
const NOW = '2026-07-24T12:00:00.000Z';
const TODAY = NOW.slice(0, 10);
const DAY = 86_400_000;
const OPEN = ['referred', 'intake', 'waitlist', 'active', 'on-hold'];
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);
const by = { id: 'cm-bench', name: 'Bench', role: 'case-manager' };

/** Plans (a review date and a task for a third of the open cases) and referrals (a sixth), deterministic. */
function worklistRecords(cases: readonly CaseRecord[]): { plans: StoredRecord[]; referrals: StoredRecord[] } {
  const plans: StoredRecord[] = [];
  const referrals: StoredRecord[] = [];
  cases.forEach((c, i) => {
    if (!OPEN.includes(c.status)) return;
    // As core writes them: with the copy of the case's assignee the worklist's indexes read (null for an
    // unassigned case, which keeps its rows off every case manager's range).
    const meta = { version: 1, createdAt: c.createdAt, updatedAt: c.updatedAt, caseId: c.id, clientId: c.clientId, caseAssigneeId: c.assigneeId ?? null };
    if (i % 3 === 0) {
      const at = c.createdAt;
      plans.push({
        ...meta,
        id: `plan-${c.id}`,
        title: 'Care plan',
        status: 'active',
        reviewDate: addDays(TODAY, (i % 41) - 20),
        statusHistory: [{ from: null, to: 'active', at, by }],
        author: by,
        goals: [
          {
            id: 'g1',
            needDomain: 'housing',
            description: 'Stay housed',
            priority: 'medium-priority',
            lifecycleStatus: 'active',
            statusHistory: [{ from: null, to: 'active', at, by }],
            progress: [],
            createdAt: at,
            interventions: [{ id: 't1', kind: 'task', description: 'Call the landlord', status: 'not-started', dueDate: addDays(TODAY, (i % 29) - 14), statusHistory: [{ from: null, to: 'not-started', at, by }], createdAt: at }],
          },
        ],
      });
    }
    if (i % 6 === 1) {
      const requestedAt = new Date(Date.parse(NOW) - ((i % 50) + 1) * DAY).toISOString();
      referrals.push({
        ...meta,
        id: `ref-${c.id}`,
        clientName: c.clientName,
        reason: 'Food support',
        urgency: i % 12 === 1 ? 'urgent' : 'routine',
        service: { organizationId: 'org-food', organizationName: 'Eastside Community Food Bank', serviceName: 'Pantry', category: 'food', contact: {} },
        status: i % 4 === 1 ? 'requested' : 'accepted',
        history: [{ from: null, to: 'requested', at: requestedAt, by, side: 'requester' }],
        requestedAt,
        acknowledgementDueAt: new Date(Date.parse(requestedAt) + 3 * DAY).toISOString(),
      });
    }
  });
  return { plans, referrals };
}

type Hand = { kind: string; id: string; score: number; dueDate: string; caseId: string };
const PRIORITY: Record<string, number> = { urgent: 24, high: 12, medium: 4, low: 0 };
const RISK: Record<string, number> = { high: 20, moderate: 8, low: 0 };
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

export async function worklistSection(cases: CaseRecord[], options: { area: string; repeat: number; log: (m: string) => void }): Promise<Row[]> {
  const { area, repeat, log } = options;
  for (const name of ['bench-worklist-casekit', 'bench-worklist-competent']) await Dexie.delete(name);
  const storage = createDexieStorage({ name: 'bench-worklist-casekit' });
  await storage.ready();
  const competent = new Dexie('bench-worklist-competent');
  competent.version(1).stores({
    cases: 'id, [assigneeId+status+nextContactDue]',
    clients: 'id',
    plans: 'id, [caseAssigneeId+reviewDue], *assigneeTaskDue',
    referrals: 'id, [caseAssigneeId+status+requestedAt]',
  });
  await competent.open();
  const clients = benchClients(cases);
  const { plans, referrals } = worklistRecords(cases);
  for (let i = 0; i < cases.length; i += 5000) {
    await storage.load([{ collection: 'cases', records: cases.slice(i, i + 5000) }, { collection: 'clients', records: clients.slice(i, i + 5000) }]);
    await competent.table('cases').bulkPut(cases.slice(i, i + 5000));
    await competent.table('clients').bulkPut(clients.slice(i, i + 5000));
  }
  await storage.load([{ collection: 'plans', records: plans }, { collection: 'referrals', records: referrals }]);
  await competent.table('plans').bulkPut(plans.map((p) => ({ ...p, reviewDue: p['reviewDate'], assigneeTaskDue: ((p['goals'] as { interventions: { dueDate: string }[] }[])[0]!.interventions).map((t) => [p['caseAssigneeId'], t.dueDate]) })));
  await competent.table('referrals').bulkPut(referrals);
  log(`worklist: ${cases.length} cases, ${plans.length} plans, ${referrals.length} referrals in both databases`);

  const assignee = 'cm-07';
  const manager = createCaseManager({ storage, actor: { id: assignee, name: 'Case Manager 7', role: 'case-manager' }, clock: () => new Date(NOW), timeZone: 'UTC' });

  // By hand: contacts from the compound index per open status (due ≤ today); the assignee's plans due for review and
  // plans with a task due; referrals waiting for an answer and accepted ones sent before the completion
  // cutoff; the cases of plans and referrals read to keep the assignee's; every candidate's client read
  // (interpreter flag, and the page's names); scored, sorted, sliced.
  const byHand = async () => {
    const t = competent.table<CaseRecord>('cases');
    const plansTable = competent.table('plans');
    const refs = competent.table('referrals');
    const cutoff = new Date(Date.parse(NOW) - 30 * DAY).toISOString();
    const [contacts, reviews, withTasks, waiting, working] = await Promise.all([
      Promise.all(OPEN.map((s) => t.where('[assigneeId+status+nextContactDue]').between([assignee, s, Dexie.minKey], [assignee, s, TODAY], true, true).toArray())).then((lists) => lists.flat()),
      plansTable.where('[caseAssigneeId+reviewDue]').between([assignee, Dexie.minKey], [assignee, TODAY], true, true).toArray(),
      plansTable.where('assigneeTaskDue').between([assignee, Dexie.minKey], [assignee, TODAY], true, true).distinct().toArray(),
      refs.where('[caseAssigneeId+status+requestedAt]').between([assignee, 'requested', Dexie.minKey], [assignee, 'requested', Dexie.maxKey]).toArray(),
      refs.where('[caseAssigneeId+status+requestedAt]').between([assignee, 'accepted', Dexie.minKey], [assignee, 'accepted', cutoff]).toArray(),
    ]);
    const owners = new Map((await t.bulkGet([...new Set([...reviews, ...withTasks, ...waiting, ...working].map((r) => r.caseId as string))])).flatMap((c) => (c ? [[c.id, c] as const] : [])));
    const mine = (caseId: string) => owners.get(caseId)?.assigneeId === assignee;
    const rows: (Hand & { clientId: string })[] = [];
    const base = (c: CaseRecord) => PRIORITY[c.priority]! + RISK[c.riskLevel]!;
    const late = (due: string) => 2 * Math.min(30, Math.max(0, daysBetween(due, TODAY)));
    for (const c of contacts) rows.push({ kind: 'contact', id: c.id, caseId: c.id, clientId: c.clientId, dueDate: c.nextContactDue!, score: (c.nextContactDue! < TODAY ? 20 : 12) + late(c.nextContactDue!) + base(c) });
    for (const p of reviews) if (mine(p.caseId)) rows.push({ kind: 'review', id: p.id, caseId: p.caseId, clientId: p.clientId, dueDate: p.reviewDate, score: 10 + late(p.reviewDate) + base(owners.get(p.caseId)!) });
    for (const p of withTasks) {
      if (!mine(p.caseId)) continue;
      for (const task of (p.goals as { interventions: { id: string; dueDate: string; status: string }[] }[]).flatMap((g) => g.interventions)) {
        if (task.dueDate <= TODAY && task.status !== 'completed') rows.push({ kind: 'task', id: `${p.id}/${task.id}`, caseId: p.caseId, clientId: p.clientId, dueDate: task.dueDate, score: 8 + late(task.dueDate) + base(owners.get(p.caseId)!) });
      }
    }
    for (const r of waiting) if (mine(r.caseId) && Date.parse(r.acknowledgementDueAt) < Date.parse(NOW)) rows.push({ kind: 'ack', id: r.id, caseId: r.caseId, clientId: r.clientId, dueDate: r.acknowledgementDueAt.slice(0, 10), score: 24 + late(r.acknowledgementDueAt.slice(0, 10)) + base(owners.get(r.caseId)!) });
    for (const r of working) if (mine(r.caseId)) rows.push({ kind: 'completion', id: r.id, caseId: r.caseId, clientId: r.clientId, dueDate: r.requestedAt.slice(0, 10), score: 14 + base(owners.get(r.caseId)!) });
    // The interpreter need from the row's case (its copy of the client's), the page's clients for their names.
    const cases = new Map([...contacts.map((c) => [c.id, c] as const), ...owners]);
    for (const row of rows) if (cases.get(row.caseId)?.clientInterpreterNeeded) row.score += 6;
    rows.sort((a, b) => b.score - a.score || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
    const page = rows.slice(0, 25);
    await competent.table('clients').bulkGet([...new Set(page.map((r) => r.clientId))]);
    return page;
  };

  const first = await manager.worklist({ limit: 25 });
  const hand = await byHand();
  log(`worklist: ${first.counts.total} rows for ${assignee} (${JSON.stringify(first.counts.byKind)}); by hand ${hand.length} on the page`);
  // Ours and theirs alternately, so machine load hits both alike.
  const time = async (fn: () => Promise<unknown>) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const ourPage = () => manager.worklist({ limit: 25 });
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    if (i % 2) theirs.push(await time(byHand)), ours.push(await time(ourPage));
    else ours.push(await time(ourPage)), theirs.push(await time(byHand));
  }
  await storage.close();
  competent.close();
  return [
    {
      area,
      metric: `\`manager.worklist\` first page (25) for ${assignee} (policy per record, audited)`,
      target: '≤ 100 ms',
      budget: 100,
      casekit: ours,
      baseline: theirs,
      baselineHow: 'the same kinds through compound indexes under the assignee (contacts by assignee+status+due ≤ today; plans by assignee+review due and assignee+task due; referrals by assignee+status+requestedAt), in parallel; owners bulkGet; the interpreter need from the copy on the cases; scored, sorted, sliced; the clients of the page bulkGet; unaudited, no policy',
      note: `${first.counts.total} rows on the list (${Object.entries(first.counts.byKind).map(([k, n]) => `${k} ${n}`).join(', ')})`,
    },
  ];
}

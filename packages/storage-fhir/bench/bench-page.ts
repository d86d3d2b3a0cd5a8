// Runs in headless Chromium (bundled and driven by run-bench.mjs), against the loopback FHIR server in
// Node: the FHIR storage over a Dexie replica and an IndexedDB outbox, as a browser app runs it, beside
// hand-written fetch + Dexie code doing the same job in the same page and run. Numbers are reported, never asserted.
import { Dexie, type Table } from 'dexie';
import { createCaseManager, type CaseRecord, type Priority } from '@casekit/core';
import { createDexieStorage } from '@casekit/storage-dexie';
import { createFhirStorage, createIndexedDbOutboxStore, SYNCED_TYPES, type FhirStorage } from '../src/index.js';

export interface Row {
  metric: string;
  casekit: string;
  baseline: string;
  how: string;
}
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Resource = Json & { resourceType: string; id: string; meta?: { versionId?: string; lastUpdated?: string } };

const params = new URLSearchParams(location.search);
const BASE = params.get('fhir')!;
const N = Number(params.get('cases'));
const RESOURCES = Number(params.get('resources'));
const SYNC_RUNS = Number(params.get('sync-runs') ?? 5);
const RUNS = Number(params.get('runs') ?? 5);
const ROUNDS = Number(params.get('rounds') ?? 30);
const ACTOR = { id: 'cm-baker', name: 'Devon Baker', role: 'case-manager' } as const;
const FHIR_JSON = 'application/fhir+json';
const PRIORITY_URL = 'https://fhir.casekit.dev/StructureDefinition/case-priority';
const log = (message: string) => console.log(`[bench] ${message}`);

// ---- timing helpers (as storage-dexie's bench) ----
async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const spread = (values: number[]) => `${ms(sorted(values)[0]!)} / ${ms(quantile(values, 0.5))} / ${ms(sorted(values).at(-1)!)}`;
const percentiles = (values: number[]) => `p50 ${ms(quantile(values, 0.5))}, p95 ${ms(quantile(values, 0.95))}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One untimed warm-up each, then `a` and `b` `n` times each, alternating who goes first so load hits both alike. */
async function interleaved(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  await a();
  await b();
  const out: [number[], number[]] = [[], []];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) out[0].push(await time(a)), out[1].push(await time(b));
    else out[1].push(await time(b)), out[0].push(await time(a));
  }
  return out;
}

/** The requests to the FHIR server that `fn` made (Resource Timing; CORS preflights are not listed). */
performance.setResourceTimingBufferSize(1_000_000);
async function requestsOf(fn: () => Promise<unknown>): Promise<PerformanceResourceTiming[]> {
  await pause(50); // the previous call's last entry may still be on its way
  performance.clearResourceTimings();
  await fn();
  await pause(50); // entries are queued after the response ends
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.startsWith(BASE));
}
/** Time the server spent on these requests (its Server-Timing header). */
const serverMs = (list: PerformanceResourceTiming[]) => list.reduce((t, e) => t + (e.serverTiming.find((s) => s.name === 'fhir')?.duration ?? 0), 0);
/** e.g. "17 requests (server 40 ms): 16 types ?_tag&_count&_sort&_lastUpdated, GET CareTeam/{id}". */
function requestsText(list: PerformanceResourceTiming[]): string {
  const byParams = new Map<string, Set<string>>();
  let pages = 0;
  const other: string[] = [];
  for (const { name } of list) {
    const { pathname, searchParams } = new URL(name);
    const [type, id] = pathname.slice(new URL(BASE).pathname.length + 1).split('/');
    if (!type) searchParams.has('_getpages') ? pages++ : other.push('POST transaction');
    else if (id) other.push(`GET ${type}/{id}`);
    else byParams.set([...searchParams.keys()].join('&'), (byParams.get([...searchParams.keys()].join('&')) ?? new Set()).add(type));
  }
  const searches = [...byParams].map(([params, types]) => `${types.size > 2 ? `${types.size} types` : [...types].join(' + ')} ?${params}`);
  return `${list.length} request${list.length === 1 ? '' : 's'} (server ${ms(serverMs(list))}): ${[...searches, ...(pages ? [`${pages} next pages`] : []), ...other].join(', ')}`;
}

// ---- the hand-written baseline: fetch + Dexie, raw resources keyed by [resourceType+id] ----
async function getJson(url: string): Promise<Json> {
  const response = await fetch(url, { headers: { accept: FHIR_JSON } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json();
}
const nextLink = (bundle: Json): string | undefined => bundle.link?.find((l: Json) => l.relation === 'next')?.url;
const openRaw = async (name: string) => {
  const db = new Dexie(name);
  db.version(1).stores({ resources: '[resourceType+id]' });
  await db.open();
  return db;
};

/** Follows `next` links from `url`; each page's resources go to `table`, the write overlapping the next fetch. */
async function pageInto(url: string, table: Table, cursors: Record<string, string>): Promise<number> {
  let count = 0;
  let writing: Promise<unknown> = Promise.resolve();
  for (let next: string | undefined = url; next; ) {
    const bundle = await getJson(next);
    const resources: Resource[] = (bundle.entry ?? []).map((e: Json) => e.resource);
    for (const r of resources) if (r.meta?.lastUpdated && !(cursors[r.resourceType]! >= r.meta.lastUpdated)) cursors[r.resourceType] = r.meta.lastUpdated;
    await writing;
    writing = resources.length ? table.bulkPut(resources) : Promise.resolve();
    count += resources.length;
    next = nextLink(bundle);
  }
  await writing;
  return count;
}

interface HandStore {
  db: Dexie;
  /** Newest lastUpdated seen per type (for `_lastUpdated=gt`). */
  cursors: Record<string, string>;
}
async function handSync(name: string): Promise<HandStore & { count: number }> {
  const db = await openRaw(name);
  const since = new Date().toISOString(); // cursor for types that are empty now
  const cursors: Record<string, string> = {};
  let count = 0;
  for (const type of SYNCED_TYPES) count += await pageInto(`${BASE}/${type}?_count=100`, db.table('resources'), cursors);
  for (const type of SYNCED_TYPES) cursors[type] ??= since;
  return { db, cursors, count };
}
/** One `_lastUpdated=gt` search per synced type, all at once (the browser runs 6 at a time). */
async function handPoll(store: HandStore): Promise<number> {
  const counts = await Promise.all(SYNCED_TYPES.map((type) => pageInto(`${BASE}/${type}?_lastUpdated=gt${store.cursors[type]}&_count=100`, store.db.table('resources'), store.cursors)));
  return counts.reduce((a, b) => a + b, 0);
}
/** Deletes made elsewhere: every id of each type (`_elements=id`), compared with the store's. */
async function handReconcile(store: HandStore): Promise<number> {
  const gone = await Promise.all(
    SYNCED_TYPES.filter((type) => type !== 'AuditEvent').map(async (type) => {
      const known = new Set((await store.db.table('resources').where('[resourceType+id]').between([type, Dexie.minKey], [type, Dexie.maxKey]).primaryKeys()).map((k) => (k as string[])[1]));
      for (let next: string | undefined = `${BASE}/${type}?_elements=id&_count=1000`; next; ) {
        const bundle = await getJson(next);
        for (const e of bundle.entry ?? []) known.delete(e.resource.id);
        next = nextLink(bundle);
      }
      return known.size;
    }),
  );
  return gone.reduce((a, b) => a + b, 0);
}
/** A priority change by hand: the EpisodeOfCare's priority extension, PUT with If-Match, then into the store. */
async function handEdit(resource: Resource, priority: Priority, table?: Table, ifMatch = true): Promise<Resource> {
  const next = structuredClone(resource);
  const ext = next.extension.find((e: Json) => e.url === PRIORITY_URL);
  ext.valueCode = priority;
  const response = await fetch(`${BASE}/EpisodeOfCare/${encodeURIComponent(next.id)}`, {
    method: 'PUT',
    headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON, ...(ifMatch ? { 'if-match': `W/"${resource.meta!.versionId}"` } : {}) },
    body: JSON.stringify(next),
  });
  if (!response.ok) throw new Error(`PUT EpisodeOfCare/${next.id}: ${response.status} ${await response.text()}`);
  const stored: Resource = await response.json();
  await table?.put(stored);
  return stored;
}
/** A note by hand: a DocumentReference with the text as a plain-text attachment, POSTed, then into the store. */
async function handNote(caseId: string, clientId: string, text: string, table: Table): Promise<void> {
  const note = {
    resourceType: 'DocumentReference',
    status: 'current',
    subject: { reference: `Patient/${clientId}` },
    context: { related: [{ reference: `EpisodeOfCare/${caseId}` }] },
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: btoa(text) } }],
  };
  const response = await fetch(`${BASE}/DocumentReference`, { method: 'POST', headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON }, body: JSON.stringify(note) });
  if (response.status !== 201) throw new Error(`POST DocumentReference: ${response.status} ${await response.text()}`);
  await table.put(await response.json());
}
/** The disclosure a manager records for a page, by hand: one AuditEvent POST naming the cases shown. */
async function handDisclosure(ids: readonly string[]): Promise<void> {
  const event = {
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded: new Date().toISOString(),
    agent: [{ requestor: true, who: { identifier: { value: ACTOR.id }, display: ACTOR.name } }],
    source: { observer: { display: 'casekit bench' } },
    entity: ids.map((id) => ({ what: { reference: `EpisodeOfCare/${id}` } })),
  };
  const response = await fetch(`${BASE}/AuditEvent`, { method: 'POST', headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON, prefer: 'return=minimal' }, body: JSON.stringify(event) });
  if (response.status !== 201) throw new Error(`POST AuditEvent: ${response.status} ${await response.text()}`);
}

// ---- casekit ----
async function adapterSync(name: string): Promise<{ ms: number; storage: FhirStorage }> {
  const replica = createDexieStorage({ name });
  const outbox = await createIndexedDbOutboxStore({ name: `${name}-outbox` });
  const start = performance.now();
  const storage = await createFhirStorage({ baseUrl: BASE, replica, outbox, pollIntervalMs: 0 });
  const elapsed = performance.now() - start;
  const [cases, clients] = await Promise.all([storage.count('cases', { index: 'id' }), storage.count('clients', { index: 'id' })]);
  if (cases !== N || clients !== N) throw new Error(`initial sync: ${cases} cases and ${clients} clients in the replica, expected ${N} of each`);
  return { ms: elapsed, storage };
}
const dropDatabase = (name: string) => Dexie.delete(name);

/** `interleaved`, then one more call of each with its requests listed (untimed). */
async function compare(n: number, ours: () => Promise<unknown>, theirs: () => Promise<unknown>) {
  const [a, b] = await interleaved(n, ours, theirs);
  return { ours: a, theirs: b, oursRequests: requestsText(await requestsOf(ours)), theirRequests: briefRequests(await requestsOf(theirs)) };
}
const briefRequests = (list: PerformanceResourceTiming[]) => `${list.length} request${list.length === 1 ? '' : 's'} (server ${ms(serverMs(list))})`;

async function run(): Promise<Row[]> {
  const rows: Row[] = [];

  // 1. Initial sync into empty stores, interleaved. The last run of each is kept for what follows.
  const syncs: [number[], number[]] = [[], []];
  let storage: FhirStorage | undefined;
  let hand: HandStore | undefined;
  const requests = ['', ''];
  for (let i = 0; i < SYNC_RUNS; i++) {
    const last = i === SYNC_RUNS - 1;
    const ours = async () => {
      const name = `bench-replica-${i}`;
      let result!: Awaited<ReturnType<typeof adapterSync>>;
      requests[0] = requestsText(await requestsOf(async () => (result = await adapterSync(name))));
      syncs[0].push(result.ms);
      if (last) storage = result.storage;
      else await result.storage.close().then(() => Promise.all([dropDatabase(name), dropDatabase(`${name}-outbox`)]));
    };
    const theirs = async () => {
      const name = `bench-raw-${i}`;
      let result!: Awaited<ReturnType<typeof handSync>>;
      requests[1] = briefRequests(await requestsOf(async () => {
        const start = performance.now();
        result = await handSync(name);
        syncs[1].push(performance.now() - start);
      }));
      if (result.count !== RESOURCES) throw new Error(`hand-written sync got ${result.count} resources, expected ${RESOURCES}`);
      if (last) hand = result;
      else result.db.close(), await dropDatabase(name);
    };
    for (const step of i % 2 === 0 ? [ours, theirs] : [theirs, ours]) {
      await step();
      await pause(1000); // a deleted database leaves background work behind
    }
    log(`sync run ${i + 1}: casekit ${ms(syncs[0].at(-1)!)}, hand-written ${ms(syncs[1].at(-1)!)}`);
  }
  rows.push({
    metric: `initial sync of ${N.toLocaleString('en')} cases + their clients (${RESOURCES.toLocaleString('en')} resources) into empty stores, min / median / max of ${SYNC_RUNS}`,
    casekit: `${spread(syncs[0])}; x hand-written: ${(quantile(syncs[0], 0.5) / quantile(syncs[1], 0.5)).toFixed(1)}; ${requests[0]}`,
    baseline: `${spread(syncs[1])}; ${requests[1]}`,
    how: `fetch loop over the ${SYNCED_TYPES.length} types, \`?_count=100\` following \`next\`; raw resources bulkPut into one Dexie table ([resourceType+id]), each write overlapping the next fetch; no mapping, no indexes`,
  });
  if (!storage || !hand) throw new Error('no sync kept');
  const raw = hand.db.table('resources');

  // What one request costs on this server and loopback: the floor under every figure below.
  const nothing = `${BASE}/EpisodeOfCare?_lastUpdated=gt2100-01-01T00:00:00Z&_count=100`;
  const [floor] = await interleaved(15, () => getJson(nothing), async () => {});
  rows.push({ metric: "reference: one search that matches nothing (the loopback server's cost per request), median of 15", casekit: '-', baseline: `${ms(quantile(floor, 0.5))}; ${briefRequests(await requestsOf(() => getJson(nothing)))}`, how: '`fetch` + `json()`' });

  // 2. The caseload's first page (storage-dexie's bench query).
  const manager = createCaseManager({ storage, actor: ACTOR });
  const query = { assigneeId: ACTOR.id, status: ['active' as const], sort: 'dueDate' as const, limit: 50 };
  const plain = await openPlain(await (await fetch('/cases.json')).json());
  const handPage = () => plain.where('[assigneeId+status+nextContactDue]').between([ACTOR.id, 'active', Dexie.minKey], [ACTOR.id, 'active', Dexie.maxKey]).limit(50).toArray();
  const first = await storage.queryCases(query);
  if (first.items.length !== 50) throw new Error(`first page has ${first.items.length} cases`);
  const [replicaPage, handPageMs] = await interleaved(15, () => storage!.queryCases(query), handPage);
  rows.push({ metric: `first page (50) of ${ACTOR.id}'s active cases by due date: \`storage.queryCases\` (from the replica), median of 15`, casekit: ms(quantile(replicaPage, 0.5)), baseline: ms(quantile(handPageMs, 0.5)), how: 'plain case records in a Dexie table with [assigneeId+status+nextContactDue]; where().between().limit(50)' });
  const page = await compare(15, () => manager.cases.query(query), async () => handDisclosure((await handPage()).map((c: CaseRecord) => c.id)));
  rows.push({ metric: 'the same through `manager.cases.query` (policy per case + the disclosure audit event, written to the server), median of 15', casekit: `${ms(quantile(page.ours, 0.5))}; ${page.oursRequests}`, baseline: `${ms(quantile(page.theirs, 0.5))}; ${page.theirRequests}`, how: 'the same Dexie query, then one `POST AuditEvent` naming the 50 cases' });

  // 3. Commit round trips: a priority change of one case, and a new note. Different cases for each side.
  const priorities: Priority[] = ['low', 'medium', 'high', 'urgent'];
  let mine = await manager.cases.get(first.items[0]!.id);
  let theirs = (await getJson(`${BASE}/EpisodeOfCare/${encodeURIComponent(first.items[1]!.id)}`)) as Resource;
  let round = 0;
  const update = await compare(
    ROUNDS,
    async () => (mine = await manager.cases.update({ id: mine.id, version: mine.version }, { priority: priorities[++round % 4]! })),
    async () => (theirs = await handEdit(theirs, priorities[round % 4]!, raw)),
  );
  rows.push({ metric: `commit: change one case's priority (\`manager.cases.update\`), ${ROUNDS} each`, casekit: `${percentiles(update.ours)}; ${update.oursRequests}`, baseline: `${percentiles(update.theirs)}; ${update.theirRequests}`, how: 'the EpisodeOfCare edited in place, `PUT` with If-Match, the answer put in the Dexie table (no audit event)' });
  const text = 'Phoned the client; the housing application went in on Monday.';
  const note = await compare(
    ROUNDS,
    () => manager.notes.create({ caseId: first.items[0]!.id, type: 'phone', occurredAt: new Date().toISOString(), text }),
    () => handNote(first.items[1]!.id, first.items[1]!.clientId, text, raw),
  );
  rows.push({ metric: `commit: add a note (\`manager.notes.create\`, a draft), ${ROUNDS} each`, casekit: `${percentiles(note.ours)}; ${note.oursRequests}`, baseline: `${percentiles(note.theirs)}; ${note.theirRequests}`, how: '`POST DocumentReference` (text attachment), the answer put in the Dexie table (no audit event)' });

  // 4. Polls. First each side takes in the other's writes (untimed), then: nothing changed, one change, and deletes.
  await storage.sync.pull();
  await handPoll(hand);
  const poll = await compare(10, () => storage!.sync.pull(), () => handPoll(hand!));
  rows.push({ metric: 'poll, nothing changed on the server (`storage.sync.pull()`), min / median / max of 10', casekit: `${spread(poll.ours)}; ${poll.oursRequests}`, baseline: `${spread(poll.theirs)}; ${poll.theirRequests}`, how: `one \`_lastUpdated=gt…\` search per synced type (${SYNCED_TYPES.length}), all at once` });
  // One change made by another system: a priority edit to a third case, then both poll.
  const other = first.items[2]!;
  let outside = (await getJson(`${BASE}/EpisodeOfCare/${encodeURIComponent(other.id)}`)) as Resource;
  const one: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    const priority = priorities[i % 4]!;
    outside = await handEdit(outside, priority, undefined, false);
    const ours = async () => {
      requests[0] = requestsText(await requestsOf(async () => one[0].push(await time(() => storage!.sync.pull()))));
    };
    const theirs = async () => {
      let got = 0;
      requests[1] = briefRequests(await requestsOf(async () => one[1].push(await time(async () => (got = await handPoll(hand!))))));
      if (got !== 1) throw new Error(`hand-written poll saw ${got} changes, expected 1`);
    };
    for (const step of i % 2 === 0 ? [ours, theirs] : [theirs, ours]) await step();
    const seen = await storage.getMany<CaseRecord>('cases', [other.id]);
    if (seen[0]?.priority !== priority) throw new Error(`the replica did not take in the change (priority ${seen[0]?.priority}, expected ${priority})`);
  }
  rows.push({ metric: `poll, one case changed on the server by another system, min / median / max of ${RUNS}`, casekit: `${spread(one[0])}; ${requests[0]}`, baseline: `${spread(one[1])}; ${requests[1]}`, how: 'the same searches; the changed EpisodeOfCare put in the Dexie table' });
  const reconcile = await compare(RUNS, () => storage!.sync.pull({ reconcile: true }), () => handReconcile(hand!));
  rows.push({ metric: `poll that also looks for deletes (\`pull({ reconcile: true })\`; due every 10 min by default), min / median / max of ${RUNS}`, casekit: `${spread(reconcile.ours)}; ${reconcile.oursRequests}`, baseline: `${spread(reconcile.theirs)}; ${reconcile.theirRequests}`, how: "per type, every id (`_elements=id&_count=1000`) compared with the Dexie table's keys, all types at once" });

  await storage.close();
  hand.db.close();
  plain.db.close();
  return rows;
}

/** The competent local table for the caseload query: plain case records, the compound index it needs. */
async function openPlain(cases: CaseRecord[]): Promise<Table<CaseRecord>> {
  await dropDatabase('bench-plain');
  const db = new Dexie('bench-plain');
  db.version(1).stores({ cases: 'id, [assigneeId+status+nextContactDue]' });
  await db.open();
  await db.table('cases').bulkPut(cases);
  return db.table('cases');
}

(window as unknown as { __bench: Promise<Row[]> }).__bench = (async () => {
  for (const db of await Dexie.getDatabaseNames()) await dropDatabase(db); // a clean profile, but be sure
  return run();
})();

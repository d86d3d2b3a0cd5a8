import { createCaseManager, type CaseManager } from '../case-manager.js';
import { CasekitError, PermissionError } from '../errors/errors.js';
import type { Actor } from '../records/common.js';
import { COLLECTIONS } from '../records/record.js';
import type { StoragePort, StoredRecord } from '../storage/storage-port.js';
import { RECORD_SCHEMAS } from '../transfer/record-schemas.js';
import { PERSONAS, sequentialIds, testClock } from './test-manager.js';

/**
 * The parts of fast-check these properties use. Passed in by the caller, so `@casekit/core` has no
 * runtime dependency on it: `import * as fc from 'fast-check'; apiPropertyCases(fc, ...)`.
 */
export interface FastCheckLike {
  assert(property: unknown, parameters?: { numRuns?: number; seed?: number }): Promise<void> | void;
  asyncProperty(...args: unknown[]): unknown;
  tuple(...arbitraries: unknown[]): unknown;
  oneof(...arbitraries: unknown[]): unknown;
  constant(value: unknown): unknown;
  constantFrom(...values: unknown[]): unknown;
  anything(): unknown;
  string(constraints?: { maxLength?: number }): unknown;
  integer(constraints?: { min?: number; max?: number }): unknown;
  double(): unknown;
  boolean(): unknown;
  record(shape: Record<string, unknown>, constraints?: { requiredKeys?: string[] }): unknown;
  array(arbitrary: unknown, constraints?: { maxLength?: number }): unknown;
}

export interface ApiPropertyOptions {
  /** A fresh, empty storage for each case. */
  createStorage(): StoragePort | Promise<StoragePort>;
  /** Generated inputs per public method. Default 25. */
  numRuns?: number;
  /** Called once per generated input, so a runner can report how many ran. */
  onRun?: () => void;
}

export interface ApiPropertyCase {
  name: string;
  run(): Promise<void>;
}

/** Records of a small world every call can aim at, so generated inputs reach deep paths, not only the first check. */
interface World {
  manager: CaseManager;
  storage: StoragePort;
  ids: Record<'client' | 'case' | 'plan' | 'goal' | 'note' | 'referral' | 'consent' | 'organization' | 'service', string>;
}

async function buildWorld(storage: StoragePort, actor: Actor): Promise<World> {
  const clock = testClock();
  const supervisor = createCaseManager({ storage, actor: PERSONAS.supervisor, clock: clock.now, ids: sequentialIds('w') });
  const organization = await supervisor.directory.createOrganization({ name: 'Riverside Community Food Bank' });
  const service = await supervisor.directory.createService({ organizationId: organization.id, name: 'Emergency food boxes', categories: ['food'] });
  const cm = supervisor.withActor(PERSONAS.caseManager);
  const { client } = await cm.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12' });
  const caseRecord = await cm.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const plan = await cm.plans.create(caseRecord.id, { title: 'Housing', goals: [{ needDomain: 'housing', description: 'Stable housing' }] });
  const note = await cm.notes.create({ caseId: caseRecord.id, type: 'phone', text: 'Called Rosa.' });
  const consent = await cm.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { organizationId: organization.id, name: organization.name }, purpose: 'Referral', source: 'verbal' });
  const referral = await cm.referrals.create({ caseId: caseRecord.id, service: { serviceId: service.id }, reason: 'Food insecurity' });
  const manager = createCaseManager({ storage, actor, clock: clock.now, ids: sequentialIds(`g-${actor.id}`) });
  return {
    manager,
    storage,
    ids: { client: client.id, case: caseRecord.id, plan: plan.id, goal: plan.goals[0]!.id, note: note.id, referral: referral.id, consent: consent.id, organization: organization.id, service: service.id },
  };
}

/** Every record of every collection, as JSON. */
async function snapshot(storage: StoragePort): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const collection of COLLECTIONS) {
    for (const record of (await storage.find(collection, { index: 'id' })).items) out.set(`${collection}/${record.id}`, JSON.stringify(record));
  }
  return out;
}

function difference(before: Map<string, string>, after: Map<string, string>): { added: string[]; changed: string[]; removed: string[] } {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
  };
}

type Call = (world: World, args: unknown[]) => unknown;

/** Public methods, each with the argument kinds they take (`ref:plan` = a VersionRef to the world's plan). */
const CALLS: Record<string, [Call, string[]]> = {
  'clients.create': [(w, a) => w.manager.clients.create(a[0] as never), ['clientInput']],
  'clients.findDuplicates': [(w, a) => w.manager.clients.findDuplicates(a[0] as never), ['clientInput']],
  'clients.get': [(w, a) => w.manager.clients.get(a[0] as never), ['id:client']],
  'clients.update': [(w, a) => w.manager.clients.update(a[0] as never, a[1] as never), ['ref:clients/client', 'object']],
  'clients.search': [(w, a) => w.manager.clients.search(a[0] as never, a[1] as never), ['text', 'options']],
  'clients.link': [(w, a) => w.manager.clients.link(a[0] as never, a[1] as never), ['ref:clients/client', 'id:client']],
  'cases.create': [(w, a) => w.manager.cases.create(a[0] as never), ['caseInput']],
  'cases.get': [(w, a) => w.manager.cases.get(a[0] as never), ['id:case']],
  'cases.update': [(w, a) => w.manager.cases.update(a[0] as never, a[1] as never), ['ref:cases/case', 'object']],
  'cases.transition': [(w, a) => w.manager.cases.transition(a[0] as never, a[1] as never, a[2] as never), ['ref:cases/case', 'caseStatus', 'options']],
  'cases.approveClosure': [(w, a) => w.manager.cases.approveClosure(a[0] as never), ['ref:cases/case']],
  'cases.rejectClosure': [(w, a) => w.manager.cases.rejectClosure(a[0] as never, a[1] as never), ['ref:cases/case', 'text']],
  'cases.identifyNeeds': [(w, a) => w.manager.cases.identifyNeeds(a[0] as never, a[1] as never, a[2] as never), ['ref:cases/case', 'needs', 'options']],
  'cases.query': [(w, a) => w.manager.cases.query(a[0] as never), ['query']],
  'cases.countBy': [(w, a) => w.manager.cases.countBy(a[0] as never, a[1] as never), ['groupField', 'query']],
  'cases.allowedTransitions': [(w, a) => w.manager.cases.allowedTransitions(a[0] as never), ['object']],
  'plans.get': [(w, a) => w.manager.plans.get(a[0] as never), ['id:plan']],
  'plans.forCase': [(w, a) => w.manager.plans.forCase(a[0] as never), ['id:case']],
  'plans.update': [(w, a) => w.manager.plans.update(a[0] as never, a[1] as never), ['ref:plans/plan', 'object']],
  'plans.addGoal': [(w, a) => w.manager.plans.addGoal(a[0] as never, a[1] as never), ['ref:plans/plan', 'object']],
  'plans.addProgress': [(w, a) => w.manager.plans.addProgress(a[0] as never, a[1] as never, a[2] as never), ['ref:plans/plan', 'id:goal', 'object']],
  'plans.transition': [(w, a) => w.manager.plans.transition(a[0] as never, a[1] as never, a[2] as never), ['ref:plans/plan', 'text', 'options']],
  'plans.dueForReview': [(w, a) => w.manager.plans.dueForReview(a[0] as never), ['options']],
  'notes.create': [(w, a) => w.manager.notes.create(a[0] as never), ['noteInput']],
  'notes.get': [(w, a) => w.manager.notes.get(a[0] as never), ['id:note']],
  'notes.update': [(w, a) => w.manager.notes.update(a[0] as never, a[1] as never), ['ref:notes/note', 'object']],
  'notes.sign': [(w, a) => w.manager.notes.sign(a[0] as never, a[1] as never), ['ref:notes/note', 'options']],
  'notes.forCase': [(w, a) => w.manager.notes.forCase(a[0] as never, a[1] as never), ['id:case', 'options']],
  'assessments.submit': [(w, a) => w.manager.assessments.submit(a[0] as never), ['object']],
  'assessments.forCase': [(w, a) => w.manager.assessments.forCase(a[0] as never), ['id:case']],
  'assessments.markEnteredInError': [(w, a) => w.manager.assessments.markEnteredInError(a[0] as never, a[1] as never), ['object', 'text']],
  'referrals.get': [(w, a) => w.manager.referrals.get(a[0] as never), ['id:referral']],
  'referrals.forCase': [(w, a) => w.manager.referrals.forCase(a[0] as never), ['id:case']],
  'referrals.update': [(w, a) => w.manager.referrals.update(a[0] as never, a[1] as never), ['ref:referrals/referral', 'object']],
  'referrals.transition': [(w, a) => w.manager.referrals.transition(a[0] as never, a[1] as never, a[2] as never), ['ref:referrals/referral', 'text', 'options']],
  'referrals.forOrganization': [(w, a) => w.manager.referrals.forOrganization(a[0] as never, a[1] as never), ['id:organization', 'options']],
  'referrals.overdue': [(w, a) => w.manager.referrals.overdue(a[0] as never), ['options']],
  'referrals.isOverdue': [(w, a) => w.manager.referrals.isOverdue(a[0] as never, a[1] as never), ['object', 'text']],
  'consents.get': [(w, a) => w.manager.consents.get(a[0] as never), ['id:consent']],
  'consents.revoke': [(w, a) => w.manager.consents.revoke(a[0] as never, a[1] as never), ['ref:consents/consent', 'text']],
  'consents.forClient': [(w, a) => w.manager.consents.forClient(a[0] as never), ['id:client']],
  'consents.activeShareConsent': [(w, a) => w.manager.consents.activeShareConsent(a[0] as never, a[1] as never, a[2] as never), ['id:client', 'object', 'text']],
  'directory.updateOrganization': [(w, a) => w.manager.directory.updateOrganization(a[0] as never, a[1] as never), ['ref:organizations/organization', 'object']],
  'directory.updateService': [(w, a) => w.manager.directory.updateService(a[0] as never, a[1] as never), ['ref:services/service', 'object']],
  'directory.searchServices': [(w, a) => w.manager.directory.searchServices(a[0] as never), ['object']],
  'drafts.save': [(w, a) => w.manager.drafts.save(a[0] as never, a[1] as never, a[2] as never), ['text', 'object', 'object']],
  'drafts.get': [(w, a) => w.manager.drafts.get(a[0] as never), ['text']],
  'audit.forRecord': [(w, a) => w.manager.audit.forRecord(a[0] as never, a[1] as never), ['id:case', 'options']],
  'audit.between': [(w, a) => w.manager.audit.between(a[0] as never, a[1] as never, a[2] as never), ['text', 'text', 'options']],
  'reports.caseload': [(w, a) => w.manager.reports.caseload(a[0] as never), ['object']],
  importCaseload: [(w, a) => w.manager.importCaseload(a[0] as never, a[1] as never), ['object', 'options']],
};

function arbitraries(fc: FastCheckLike, world: World): (kind: string) => Promise<unknown> {
  const hostile = fc.oneof(
    fc.anything(),
    fc.constantFrom(null, undefined, Number.NaN, Infinity, -1, 0, '', ' ', 'x'.repeat(3000), [], {}, () => 1),
    fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}')),
  );
  const text = fc.oneof(hostile, fc.string({ maxLength: 40 }), fc.constantFrom('rosa', 'Rosa Hernández', '2026-11-24T15:00:00.000Z', 'completed', 'active', 'closed'));
  const idOf = (name: keyof World['ids']) => fc.oneof(hostile, fc.constant(world.ids[name]), fc.constantFrom('missing-id', 'x'.repeat(200)));
  return async (kind) => {
    if (kind.startsWith('id:')) return idOf(kind.slice(3) as keyof World['ids']);
    if (kind.startsWith('ref:')) {
      const [collection, name] = kind.slice(4).split('/') as [string, keyof World['ids']];
      const current = await world.storage.get(collection as never, world.ids[name]);
      return fc.oneof(
        hostile,
        fc.record({ id: fc.constant(world.ids[name]), version: fc.oneof(hostile, fc.constant(current?.version ?? 1), fc.integer({ min: -3, max: 9 })) }, { requiredKeys: ['id'] }),
      );
    }
    switch (kind) {
      case 'text':
        return text;
      case 'options':
      case 'object':
      case 'query':
        return fc.oneof(hostile, fc.record({ limit: fc.oneof(hostile, fc.integer({ min: -5, max: 2000 })), reason: text, text, status: text, dueWithinDays: fc.oneof(hostile, fc.double()), chunkSize: fc.oneof(hostile, fc.integer()) }, { requiredKeys: [] }));
      case 'clientInput':
        return fc.oneof(hostile, fc.record({ name: fc.oneof(hostile, fc.record({ given: fc.array(text, { maxLength: 3 }), family: text })), birthDate: text, identifiers: fc.oneof(hostile, fc.array(fc.record({ system: text, value: text }), { maxLength: 2 })) }, { requiredKeys: [] }));
      case 'caseInput':
        return fc.oneof(hostile, fc.record({ clientId: idOf('client'), program: text, status: text, priority: text }, { requiredKeys: [] }));
      case 'noteInput':
        return fc.oneof(hostile, fc.record({ caseId: idOf('case'), type: fc.oneof(text, fc.constantFrom('phone', 'visit')), text, sign: fc.oneof(hostile, fc.boolean()), occurredAt: text }, { requiredKeys: [] }));
      case 'caseStatus':
        return fc.oneof(text, fc.constantFrom('on-hold', 'closed', 'entered-in-error', 'active'));
      case 'needs':
        return fc.oneof(hostile, fc.array(fc.oneof(text, fc.constantFrom('housing', 'food')), { maxLength: 3 }));
      case 'groupField':
        return fc.oneof(text, fc.constantFrom('status', 'priority', 'program'));
      default:
        throw new Error(`no arbitrary for ${kind}`);
    }
  };
}

/**
 * For every public method: generated inputs, mostly hostile (any JSON value, null, NaN, huge strings,
 * prototype keys) and some aimed at real records, called as a case manager and as a supervisor. Each
 * call either succeeds and leaves only records their schemas accept, or throws a `CasekitError` and
 * leaves storage exactly as it was — except a `PermissionError`, which adds one `refused` audit event.
 */
export function apiPropertyCases(fc: FastCheckLike, options: ApiPropertyOptions): ApiPropertyCase[] {
  const cases: ApiPropertyCase[] = [];
  for (const actor of [PERSONAS.caseManager, PERSONAS.supervisor]) {
    for (const [name, [call, kinds]] of Object.entries(CALLS)) {
      cases.push({
        name: `${name} as ${actor.role}: succeeds with valid records, or throws a CasekitError and writes nothing`,
        async run() {
          const storage = await options.createStorage();
          try {
            const world = await buildWorld(storage, actor);
            const arbitraryOf = arbitraries(fc, world);
            const args = fc.tuple(...(await Promise.all(kinds.map(arbitraryOf))));
            await fc.assert(
              fc.asyncProperty(args, async (input: unknown[]) => {
                options.onRun?.();
                await checkOneCall(storage, () => call(world, input), name);
              }),
              { numRuns: options.numRuns ?? 25 },
            );
          } finally {
            await storage.close();
          }
        },
      });
    }
  }
  return cases;
}

async function checkOneCall(storage: StoragePort, call: () => unknown, name: string): Promise<void> {
  const before = await snapshot(storage);
  let failure: unknown;
  try {
    await call();
  } catch (error) {
    failure = error;
  }
  const after = await snapshot(storage);
  const diff = difference(before, after);
  if (failure === undefined) {
    for (const key of [...diff.added, ...diff.changed]) {
      const [collection] = key.split('/') as [keyof typeof RECORD_SCHEMAS];
      const record = JSON.parse(after.get(key)!) as StoredRecord;
      const result = RECORD_SCHEMAS[collection].safeParse(record);
      if (!result.success) throw new Error(`${name} stored ${key}, which its schema refuses: ${result.error.message}`);
    }
    if (({} as Record<string, unknown>)['polluted'] !== undefined) throw new Error(`${name} polluted Object.prototype`);
    return;
  }
  if (!(failure instanceof CasekitError)) throw new Error(`${name} threw ${(failure as Error)?.name ?? typeof failure}, not a CasekitError: ${String((failure as Error)?.message ?? failure)}`);
  if (failure.code === 'internal') throw new Error(`${name} failed unexpectedly (an internal error): ${String((failure.cause as Error)?.stack ?? failure.cause)}`);
  const allowed = failure instanceof PermissionError ? diff.added.filter((key) => key.startsWith('audit/') && JSON.parse(after.get(key)!).outcome === 'refused') : [];
  const written = [...diff.added.filter((key) => !allowed.includes(key)), ...diff.changed, ...diff.removed];
  if (written.length || allowed.length > 1) throw new Error(`${name} failed with ${failure.code} but wrote ${[...written, ...allowed].join(', ')}`);
  if (failure instanceof PermissionError && allowed.length !== 1) throw new Error(`${name} was refused without its refused audit event`);
}

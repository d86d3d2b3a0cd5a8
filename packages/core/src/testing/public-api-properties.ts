import { createCaseManager, type CaseManager } from '../case-manager.js';
import { readAll } from '../storage/read-all.js';
import { CasekitError, PermissionError, ValidationError } from '../errors/errors.js';
import { CASE_GROUP_FIELDS } from '../storage/case-query.js';
import { CASE_STATUSES } from '../case/case-schema.js';
import { CONSENT_STATUSES } from '../consent/consent-schema.js';
import { GOAL_LIFECYCLE_STATUSES, INTERVENTION_STATUSES, PLAN_STATUSES } from '../care-plan/plan-schema.js';
import { REFERRAL_OUTCOME_CODES, REFERRAL_STATUSES } from '../referral/referral-schema.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { Actor } from '../records/common.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { LoadChunk, StoragePort, StoredRecord } from '../storage/storage-port.js';
import { CASELOAD_FORMAT, CASELOAD_FORMAT_VERSION } from '../transfer/caseload-transfer.js';
import { RECORD_SCHEMAS } from '../transfer/record-schemas.js';
import { safeParse } from '../internal/parse.js';
import type { ConformanceRunner } from './storage-conformance.js';
import { PERSONAS, sequentialIds } from './test-manager.js';

/*
 * Property tests of the whole public API over any storage adapter: for every public method, fast-check
 * generates hostile and random arguments (garbage types, null refs, NaN options, 1 MB strings, objects
 * with own `__proto__` / `constructor` keys, stale and invalid versions, ids of the wrong collection) and
 * calls it as one of several actors. Every call must keep casekit's contract:
 *
 * - it resolves, and every record it stored passes its collection's schema, in its parsed form; or
 * - it throws a CasekitError (never a bare TypeError/RangeError/SyntaxError, never `internal` or
 *   `storage`) and storage — every collection, audit included — is byte-identical to before; except
 * - a PermissionError, which adds exactly one audit event: `outcome: 'refused'`, by the actor.
 *
 * fast-check is injected (`publicApiPropertyCases(fc, ...)`), so @casekit/core has no dependency on it.
 */

// ---------------------------------------------------------------------------------------------------
// The part of fast-check used here (structural, so any fast-check 3.x/4.x module fits)
// ---------------------------------------------------------------------------------------------------

/** An arbitrary of fast-check: only what this harness uses. */
export interface PropertyArbitrary<T> {
  map<U>(mapper: (value: T) => U): PropertyArbitrary<U>;
}
type Weighted<T> = PropertyArbitrary<T> | { arbitrary: PropertyArbitrary<T>; weight: number };

/** The functions of the `fast-check` module this harness calls: pass `import * as fc from 'fast-check'`. */
export interface FastCheck {
  assert(property: unknown, params?: { numRuns?: number; seed?: number; endOnFailure?: boolean }): Promise<void> | void;
  asyncProperty<T>(arbitrary: PropertyArbitrary<T>, predicate: (value: T) => Promise<boolean | void>): unknown;
  constant<T>(value: T): PropertyArbitrary<T>;
  constantFrom<T>(...values: T[]): PropertyArbitrary<T>;
  oneof<T>(...arbitraries: Weighted<T>[]): PropertyArbitrary<T>;
  tuple<T extends unknown[]>(...arbitraries: { [K in keyof T]: PropertyArbitrary<T[K]> }): PropertyArbitrary<T>;
  array<T>(arbitrary: PropertyArbitrary<T>, constraints?: { minLength?: number; maxLength?: number }): PropertyArbitrary<T[]>;
  string(constraints?: { minLength?: number; maxLength?: number; unit?: 'grapheme' | 'grapheme-composite' | 'grapheme-ascii' | 'binary' | 'binary-ascii' }): PropertyArbitrary<string>;
  integer(constraints?: { min?: number; max?: number }): PropertyArbitrary<number>;
  double(constraints?: { noNaN?: boolean }): PropertyArbitrary<number>;
  boolean(): PropertyArbitrary<boolean>;
  anything(constraints?: {
    maxDepth?: number;
    maxKeys?: number;
    key?: PropertyArbitrary<string>;
    withBigInt?: boolean;
    withBoxedValues?: boolean;
    withDate?: boolean;
    withMap?: boolean;
    withSet?: boolean;
    withNullPrototype?: boolean;
    withSparseArray?: boolean;
    withTypedArray?: boolean;
  }): PropertyArbitrary<unknown>;
  /** Used, when present, to print generated markers readably. */
  readonly toStringMethod?: symbol;
}

// ---------------------------------------------------------------------------------------------------
// Options and cases
// ---------------------------------------------------------------------------------------------------

export interface PublicApiPropertyOptions {
  /** Generated inputs per public method. Default 25. */
  numRuns?: number;
  /** fast-check seed, to replay a failure (the failure message prints it). Default: random. */
  seed?: number;
  /**
   * Reload the test world before every input (`clear` + `load`), so each input runs on the same data and
   * a failure replays exactly. Default true. Turn off on slow adapters: inputs then run one after the
   * other on the data the previous ones left (the contract must hold all the same).
   */
  isolate?: boolean;
  /** Only the methods for which this returns true, e.g. `(name) => name.startsWith('clients.')`. */
  only?: (method: string) => boolean;
}

/** What one case did: the number of inputs it tried (including fast-check's shrinking), and how they ended. */
export interface PropertyRunStats {
  method: string;
  inputs: number;
  resolved: number;
  /** Rejections by error code. */
  rejected: Record<string, number>;
}

/** One public method under hostile input. `run` gets a fresh, empty storage (like a ConformanceCase). */
export interface PublicApiPropertyCase {
  name: string;
  /** The method, e.g. `clients.get` (or `manager.importCaseload`). */
  method: string;
  /** Inputs fast-check generates (before any shrinking). */
  numRuns: number;
  run(storage: StoragePort): Promise<PropertyRunStats>;
}

/** What a generated host callback (e.g. an import's `onProgress`) throws: casekit reports it as an `internal` error, rightly. */
export class HostCallbackFailure extends Error {
  override name = 'HostCallbackFailure';
}

/** True when the error was caused, at any depth, by a generated host callback that threw. */
function causedByHostCallback(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) if (e instanceof HostCallbackFailure) return true;
  return false;
}

/** A broken promise of the contract, with the input that broke it. */
export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

/** The total of generated inputs the cases plan to try (before shrinking): the reportable count. */
let probes = 0;

export function plannedPropertyInputs(cases: readonly PublicApiPropertyCase[]): number {
  return cases.reduce((sum, c) => sum + c.numRuns, 0);
}

/**
 * Registers every case with your test runner, each on a fresh storage from `createStorage`, closed
 * afterwards. Returns the stats of the cases that ran (read it after the run, e.g. in an `after` hook).
 */
export function runPublicApiProperties(
  createStorage: () => StoragePort | Promise<StoragePort>,
  runner: ConformanceRunner,
  fc: FastCheck,
  options: PublicApiPropertyOptions = {},
): { cases: PublicApiPropertyCase[]; stats: PropertyRunStats[] } {
  const cases = publicApiPropertyCases(fc, options);
  const stats: PropertyRunStats[] = [];
  runner.describe(`public API properties (${cases.length} cases, ${plannedPropertyInputs(cases)} generated inputs)`, () => {
    for (const testCase of cases) {
      runner.it(testCase.name, async () => {
        const storage = await createStorage();
        try {
          stats.push(await testCase.run(storage));
        } finally {
          await storage.close();
        }
      });
    }
  });
  return { cases, stats };
}

// ---------------------------------------------------------------------------------------------------
// The test world: built once through the API in memory, then loaded into the adapter under test
// ---------------------------------------------------------------------------------------------------

const NOW = '2026-11-24T15:00:00.000Z';
const VOLUNTEER: Actor = { id: 'vol-park', name: 'Jin Park', role: 'volunteer' };
const phq9Zeros = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, '0']));

type ActorKey = 'caseManager' | 'colleague' | 'supervisor' | 'viewer' | 'provider' | 'volunteer';

interface World {
  chunks: LoadChunk[];
  actors: Record<ActorKey, Actor>;
  ids: Record<CollectionName, string[]>;
  rosa: { clientId: string; caseId: string; planId: string; goalId: string; interventionId: string; assessmentId: string };
  walkInClientId: string;
  colleagueClientId: string;
  foodBankId: string;
  legalAidId: string;
  pantryId: string;
}

let worldPromise: Promise<World> | undefined;
const world = () => (worldPromise ??= buildWorld());


async function buildWorld(): Promise<World> {
  const storage = createMemoryStorage();
  const ids = sequentialIds('world');
  const base = { storage, clock: () => new Date(NOW), ids };
  const supervisor = createCaseManager({ ...base, actor: PERSONAS.supervisor });
  const foodBank = await supervisor.directory.createOrganization({ name: 'Riverside Community Food Bank', contact: { phone: '+1 555 0110' } });
  const legalAid = await supervisor.directory.createOrganization({ name: 'Valley Legal Aid' });
  const pantry = await supervisor.directory.createService({ organizationId: foodBank.id, name: 'Emergency food boxes', categories: ['food'], languages: ['en', 'es'] });
  await supervisor.directory.createService({ organizationId: legalAid.id, name: 'Eviction defence', categories: ['legal', 'housing'] });
  const actors: Record<ActorKey, Actor> = {
    caseManager: PERSONAS.caseManager,
    colleague: PERSONAS.otherCaseManager,
    supervisor: PERSONAS.supervisor,
    viewer: PERSONAS.viewer,
    provider: { ...PERSONAS.foodBankStaff, organizationId: foodBank.id },
    volunteer: VOLUNTEER,
  };
  const cm = createCaseManager({ ...base, actor: actors.caseManager });
  const gated = createCaseManager({ ...base, actor: actors.caseManager, approvals: { caseClosure: true, planActivation: true } });
  const { client } = await cm.clients.create({
    name: { given: ['Rosa', 'María'], family: 'Hernández' },
    birthDate: '1984-03-12',
    language: 'es',
    interpreterNeeded: true,
    contact: { phone: '+1 555 0100' },
    identifiers: [{ system: 'https://ehr.example.org/mrn', value: 'MRN-4471' }],
  });
  let caseRecord = await cm.cases.create({ clientId: client.id, program: 'social-work', status: 'active', nextContactDue: '2026-11-20' });
  caseRecord = await cm.cases.identifyNeeds(caseRecord, ['food', 'housing']);
  await cm.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { organizationId: foodBank.id, name: foodBank.name }, purpose: 'Food referral', source: 'written' });
  const plan = await cm.plans.transition(
    await cm.plans.create(caseRecord.id, { title: 'Food security', reviewDate: '2026-11-20', goals: [{ needDomain: 'food', description: 'Groceries every week', interventions: [{ description: 'Apply for SNAP' }] }] }),
    'active',
  );
  await gated.plans.transition(await cm.plans.create(caseRecord.id, { title: 'Stable housing' }), 'active');
  await cm.notes.create({ caseId: caseRecord.id, type: 'phone', text: 'Called about the pantry hours.', sign: true });
  await cm.notes.create({ caseId: caseRecord.id, type: 'visit', text: 'Home visit, notes to finish.' });
  const assessment = await cm.assessments.submit({ caseId: caseRecord.id, questionnaireId: 'phq-9', answers: phq9Zeros });
  await cm.referrals.create({ caseId: caseRecord.id, service: { serviceId: pantry.id }, reason: 'Ran out of food stamps mid-month', send: true });
  await cm.referrals.create({ caseId: caseRecord.id, service: { serviceId: pantry.id }, reason: 'Holiday food box' });
  await cm.drafts.save('intake', { kind: 'intake:casekit-social-needs-intake', data: { step: 2, answers: { 'housing-status': 'unstable' } } });
  await gated.cases.transition(await cm.cases.get(caseRecord.id), 'closed', { closureReason: 'goals-met', reason: 'All goals met' });
  const colleague = createCaseManager({ ...base, actor: actors.colleague });
  const { client: colleagueClient } = await colleague.clients.create({ name: { given: ['Kwame'], family: 'Mensah' }, birthDate: '1990-05-01' });
  const colleagueCase = await colleague.cases.create({ clientId: colleagueClient.id, program: 'healthcare', status: 'active' });
  // A transfer waiting for Marta, so accept/decline/cancel have something to act on.
  await colleague.cases.transfer(colleagueCase, { id: actors.caseManager.id, name: actors.caseManager.name }, { reason: 'Moving to the night shift', requireAcceptance: true });
  const { client: walkIn } = await cm.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });

  const chunks: LoadChunk[] = [];
  const byCollection = {} as Record<CollectionName, string[]>;
  for (const collection of COLLECTIONS) {
    const records = await readAll(storage, collection);
    byCollection[collection] = records.map((r) => r.id);
    if (records.length) chunks.push({ collection, records });
  }
  const goal = plan.goals[0]!;
  return {
    chunks,
    actors,
    ids: byCollection,
    rosa: { clientId: client.id, caseId: caseRecord.id, planId: plan.id, goalId: goal.id, interventionId: goal.interventions[0]!.id, assessmentId: assessment.id },
    walkInClientId: walkIn.id,
    colleagueClientId: colleagueClient.id,
    foodBankId: foodBank.id,
    legalAidId: legalAid.id,
    pantryId: pantry.id,
  };
}

// ---------------------------------------------------------------------------------------------------
// Markers: values resolved when the call is made (kept small in fast-check's counterexamples)
// ---------------------------------------------------------------------------------------------------

/** A string of `length` characters, made at call time. */
class Huge {
  constructor(readonly length: number, readonly unit: string) {}
  toString() {
    return `<${this.length} × ${JSON.stringify(this.unit)}>`;
  }
}
/** `{ id, version }` with the version stored at call time (a valid, current ref). */
class CurrentRef {
  constructor(readonly collection: CollectionName, readonly id: string) {}
  toString() {
    return `<current ref ${this.collection}/${this.id}>`;
  }
}

function printable(fc: FastCheck): void {
  const symbol = fc.toStringMethod;
  if (!symbol) return;
  for (const type of [Huge, CurrentRef]) {
    Object.defineProperty(type.prototype, symbol, { value: type.prototype.toString, configurable: true });
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A deep copy with markers replaced; own `__proto__`/`constructor` keys are kept as own keys. */
async function materialize(value: unknown, storage: StoragePort): Promise<unknown> {
  if (value instanceof Huge) return value.unit.repeat(value.length);
  if (value instanceof CurrentRef) {
    const record = await storage.get(value.collection, value.id);
    return { id: value.id, version: record?.version ?? 1 };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await materialize(item, storage));
    return out;
  }
  if (isPlainObject(value)) {
    // A frozen hostile value stays as it is (it holds no markers).
    if (Object.isFrozen(value)) return value;
    const out = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const key of Object.getOwnPropertyNames(value)) {
      Object.defineProperty(out, key, { value: await materialize(value[key], storage), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = [], limit = 4000): Path[] {
  if (out.length >= limit) return out;
  if (Array.isArray(value)) value.forEach((item, i) => (out.push([...prefix, i]), pathsOf(item, [...prefix, i], out, limit)));
  else if (isPlainObject(value)) for (const key of Object.keys(value)) out.push([...prefix, key]), pathsOf(value[key], [...prefix, key], out, limit);
  return out;
}

/** A deep copy of plain data (own `__proto__` keys and null prototypes kept); frozen and non-plain values are shared. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value) && !Object.isFrozen(value)) {
    const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const key of Object.getOwnPropertyNames(value)) Object.defineProperty(out, key, { value: clone(value[key]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

type Mutation = { op: 'set' | 'delete' | 'proto' | 'constructor'; path: Path; value: unknown };

function applyMutations(base: unknown, mutations: readonly Mutation[]): unknown {
  let root = clone(base);
  for (const { op, path, value } of mutations) {
    if (!path.length) {
      root = op === 'set' ? value : root;
      continue;
    }
    let holder: unknown = root;
    for (const key of path.slice(0, -1)) holder = (holder as Record<string | number, unknown> | undefined)?.[key];
    // Only plain data of the base is changed; a hostile value put in by an earlier mutation is left alone.
    if (!Array.isArray(holder) && !isPlainObject(holder)) continue;
    if (!Object.isExtensible(holder)) continue;
    const last = path.at(-1)!;
    const target = holder as Record<string | number, unknown>;
    if (op === 'delete') delete target[last];
    else if (op === 'set') Object.defineProperty(target, last, { value: clone(value), enumerable: true, writable: true, configurable: true });
    else {
      const inner = target[last];
      const where = (Array.isArray(inner) || isPlainObject(inner)) && Object.isExtensible(inner) ? (inner as object) : target;
      const key = op === 'proto' ? '__proto__' : 'constructor';
      const payload = op === 'proto' ? { polluted: 'yes', isAdmin: true } : { prototype: { polluted: 'yes' } };
      Object.defineProperty(where, key, { value: payload, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

interface Arbitraries {
  hostile: PropertyArbitrary<unknown>;
  text: PropertyArbitrary<unknown>;
  instant: PropertyArbitrary<unknown>;
  id(collection: CollectionName): PropertyArbitrary<unknown>;
  ref(collection: CollectionName): PropertyArbitrary<unknown>;
  oneOf(...values: unknown[]): PropertyArbitrary<unknown>;
  input(...bases: unknown[]): PropertyArbitrary<unknown>;
  options(...bases: unknown[]): PropertyArbitrary<unknown>;
  either(...arbitraries: PropertyArbitrary<unknown>[]): PropertyArbitrary<unknown>;
}

function arbitraries(fc: FastCheck, w: World): Arbitraries {
  const protoObject = JSON.parse('{"__proto__":{"polluted":"yes"},"id":"x","version":1}') as unknown;
  const constructorObject = JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}},"name":"x"}') as unknown;
  const HOSTILE = [
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    -1,
    1.5,
    2 ** 53 + 2,
    '',
    ' ',
    ' \n\t ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '1',
    'null',
    'undefined',
    '2026-13-45',
    '2026-02-30T25:61:00Z',
    '<img src=x onerror=alert(1)>',
    '\u0000',
    '\ud800',
    'x'.repeat(129),
    'x'.repeat(2001),
    new Huge(1 << 20, 'x'),
    new Huge(1 << 18, 'é'),
    true,
    false,
    [],
    [null],
    [[[[]]]],
    {},
    protoObject,
    constructorObject,
    Object.create(null),
    new Date(Number.NaN),
    new Date(NOW),
    new Map([['id', 'x']]),
    new Set(['x']),
    /x/,
    Symbol('hostile'),
    10n,
    () => 'a function',
    Object.freeze({ id: 'frozen', version: 1 }),
    new (class Impostor {
      id = 'impostor';
      version = 1;
    })(),
    new Error('an error object'),
    new Uint8Array([1, 2, 3]),
  ];
  const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'then', 'toJSON'));
  const hostile = fc.oneof<unknown>(
    { arbitrary: fc.constantFrom<unknown>(...HOSTILE), weight: 4 },
    { arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4, key, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
  );
  const text = fc.oneof<unknown>(
    { arbitrary: fc.string({ maxLength: 30 }), weight: 3 },
    { arbitrary: fc.constantFrom<unknown>('Rosa', 'Hernández', 'hern', 'Client moved away', '  padded  ', 'Nguyễn'), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
    { arbitrary: hostile, weight: 2 },
  );
  const instant = fc.oneof<unknown>(
    { arbitrary: fc.constantFrom<unknown>(NOW, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2026-11-24T10:00:00-05:00', '2026-11-24'), weight: 4 },
    { arbitrary: hostile, weight: 1 },
  );
  const allIds = COLLECTIONS.flatMap((c) => w.ids[c]);
  const realOf = (collection: CollectionName) => (w.ids[collection].length ? fc.constantFrom<unknown>(...w.ids[collection]) : fc.constant<unknown>('none-stored'));
  const id = (collection: CollectionName) =>
    fc.oneof<unknown>(
      { arbitrary: realOf(collection), weight: 6 },
      { arbitrary: fc.constantFrom<unknown>(...allIds), weight: 1 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
      { arbitrary: hostile, weight: 2 },
    );
  const ref = (collection: CollectionName) =>
    fc.oneof<unknown>(
      { arbitrary: realOf(collection).map((real) => new CurrentRef(collection, String(real))), weight: 6 },
      { arbitrary: fc.tuple(realOf(collection), fc.oneof<unknown>(fc.integer({ min: -2, max: 4 }), hostile)).map(([real, version]) => ({ id: real, version })), weight: 2 },
      { arbitrary: realOf(collection).map((real) => ({ id: real })), weight: 1 },
      { arbitrary: fc.tuple(id(collection), fc.integer({ min: 1, max: 3 })).map(([anyId, version]) => ({ id: anyId, version })), weight: 1 },
      { arbitrary: hostile, weight: 1 },
    );
  const oneOf = (...values: unknown[]) => fc.oneof<unknown>({ arbitrary: fc.constantFrom<unknown>(...values), weight: 5 }, { arbitrary: hostile, weight: 1 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
  const mutationOf = (base: unknown) => {
    const paths = pathsOf(base);
    const pathArb = paths.length ? fc.oneof<Path>({ arbitrary: fc.constantFrom(...paths), weight: 4 }, { arbitrary: fc.constant<Path>([]), weight: 1 }) : fc.constant<Path>([]);
    return fc
      .tuple(fc.constantFrom<Mutation['op']>('set', 'set', 'set', 'delete', 'proto', 'constructor'), pathArb, fc.oneof<unknown>(hostile, text))
      .map(([op, path, value]): Mutation => ({ op, path, value }));
  };
  const input = (...bases: unknown[]) =>
    fc.oneof<unknown>(
      { arbitrary: fc.constantFrom<unknown>(...bases), weight: 3 },
      ...bases.map((base) => ({ arbitrary: fc.array(mutationOf(base), { minLength: 1, maxLength: 3 }).map((mutations) => applyMutations(base, mutations)), weight: 6 })),
      { arbitrary: hostile, weight: 1 },
    );
  const options = (...bases: unknown[]) => fc.oneof<unknown>({ arbitrary: fc.constant<unknown>(undefined), weight: 3 }, { arbitrary: input(...bases), weight: 5 });
  const either = (...arbs: PropertyArbitrary<unknown>[]) => fc.oneof<unknown>(...arbs);
  return { hostile, text, instant, id, ref, oneOf, input, options, either };
}

// ---------------------------------------------------------------------------------------------------
// Argument specs: one per public method
// ---------------------------------------------------------------------------------------------------

type Spec = (a: Arbitraries, w: World, fc: FastCheck) => PropertyArbitrary<unknown>[];

function specs(): Record<string, Spec> {
  const rosaInput = {
    name: { given: ['Rosa'], family: 'Hernández', preferred: 'Rosi' },
    birthDate: '1984-03-12',
    gender: 'female',
    contact: { phone: '+1 555 0100', email: 'rosa@example.org' },
    address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
    language: 'es',
    interpreterNeeded: true,
    identifiers: [{ system: 'https://ehr.example.org/mrn', value: 'MRN-4471', type: 'MR' }],
  };
  const period = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
  const page = { limit: 5, oldestFirst: true };
  /** A cursor no adapter issued (tampered with, or from another query). */
  const badCursor = { limit: 5, cursor: 'eyJrIjpbXX0' };
  const draftKey = (a: Arbitraries, fc: FastCheck) => a.either(fc.constantFrom<unknown>('intake', 'referral'), a.text);
  const goal = (a: Arbitraries, w: World, fc: FastCheck) => a.either(fc.constant<unknown>(w.rosa.goalId), fc.constant<unknown>(w.rosa.goalId), a.text);
  const intervention = (a: Arbitraries, w: World, fc: FastCheck) => a.either(fc.constant<unknown>(w.rosa.interventionId), fc.constant<unknown>(w.rosa.interventionId), a.text);
  return {
    'clients.create': (a) => [a.input(rosaInput, { name: { given: ['Samuel'], family: 'Ivanova' } })],
    'clients.findDuplicates': (a) => [a.input(rosaInput, { name: { given: ['Rossa'], family: 'Hernandes' }, birthDate: '1984-03-12' })],
    'clients.get': (a) => [a.id('clients')],
    'clients.update': (a) => [a.ref('clients'), a.input({ contact: { phone: '+1 555 0111' }, language: 'vi', name: { given: ['Rosa'], family: 'Hernández López' } }, { address: null })],
    'clients.search': (a) => [a.text, a.options({ limit: 5 })],
    'clients.link': (a) => [a.ref('clients'), a.id('clients')],

    'cases.create': (a, w) => [
      a.input(
        { clientId: w.walkInClientId, program: 'healthcare', status: 'active', priority: 'high', careTeam: [{ actorId: 'cm-baker', name: 'Devon Baker', role: 'case-manager' }] },
        { clientId: w.rosa.clientId, program: 'social-work' },
        { clientId: w.colleagueClientId, program: 'behavioral-health', assigneeId: 'cm-alvarez' },
      ),
    ],
    'cases.get': (a) => [a.id('cases')],
    'cases.update': (a) => [a.ref('cases'), a.input({ priority: 'urgent', tags: ['interpreter'], nextContactDue: '2026-12-01' }, { title: null })],
    'cases.transition': (a) => [a.ref('cases'), a.oneOf(...CASE_STATUSES), a.options({ reason: 'Client travelling', closureReason: 'goals-met' }, { closureReason: 'moved' })],
    'cases.approveClosure': (a) => [a.ref('cases')],
    'cases.rejectClosure': (a) => [a.ref('cases'), a.text],
    'cases.identifyNeeds': (a, w) => [a.ref('cases'), a.input(['legal', 'food'], ['housing']), a.options({ assessmentId: w.rosa.assessmentId })],
    'cases.query': (a) => [a.options({ status: ['active'], sort: 'dueDate', limit: 10, text: 'ros' }, { overdue: true }, { dueWithinDays: 7, program: ['social-work'] }, { assigneeId: 'cm-baker', direction: 'desc' }, { cursor: 'not-a-cursor' })],
    'cases.countBy': (a) => [a.oneOf(...CASE_GROUP_FIELDS), a.options({ text: 'hern', status: ['active'] }, { overdue: true, limit: 5, cursor: 'x' })],
    'cases.transfer': (a, _w, fc) => [
      a.either(a.ref('cases'), fc.array(a.ref('cases'), { maxLength: 3 })),
      a.input({ id: 'cm-chen', name: 'Wei Chen' }, { id: 'cm-baker', name: 'Devon Baker' }),
      a.input({ reason: 'Caseload rebalancing' }, { reason: 'Moving to nights', requireAcceptance: true }),
    ],
    'cases.acceptTransfer': (a) => [a.ref('cases')],
    'cases.declineTransfer': (a) => [a.ref('cases'), a.text],
    'cases.cancelTransfer': (a, _w, fc) => [a.ref('cases'), a.either(fc.constant<unknown>(undefined), a.text)],
    'cases.pendingTransfers': (a) => [a.options({ to: 'cm-alvarez' }, { from: 'cm-baker' }, { to: 'cm-baker', from: 'cm-alvarez' })],
    'cases.allowedTransitions': (a) => [a.input({ status: 'active' }, { status: 'closed' })],
    'cases.isOverdue': (a) => [a.input({ status: 'active', nextContactDue: '2026-01-05' }, { status: 'closed', nextContactDue: '2020-01-01' })],

    'audit.forRecord': (a) => [a.either(a.id('clients'), a.id('cases'), a.id('audit')), a.options(page, badCursor)],
    'audit.forCase': (a) => [a.id('cases'), a.options(page, badCursor)],
    'audit.byActor': (a) => [a.oneOf('cm-alvarez', 'cm-baker', 'sup-okafor', 'prov-ruiz'), a.options(page, badCursor)],
    'audit.between': (a) => [a.instant, a.instant, a.options({ limit: 20 }, badCursor)],

    'referrals.create': (a, w) => [
      a.input(
        { caseId: w.rosa.caseId, service: { serviceId: w.pantryId }, reason: 'Ran out of food', urgency: 'urgent', send: true },
        { caseId: w.rosa.caseId, service: { organizationName: 'Corner Pantry', serviceName: 'Pantry', category: 'food', contact: { phone: '+1 555 0199' } }, reason: 'Food', send: true, consentOverride: { reason: 'Client asked by phone' } },
        { caseId: w.rosa.caseId, service: { organizationId: w.legalAidId, organizationName: 'Valley Legal Aid', serviceName: 'Clinic', category: 'legal' }, reason: 'Eviction notice', planId: w.rosa.planId, goalId: w.rosa.goalId },
      ),
    ],
    'referrals.get': (a) => [a.id('referrals')],
    'referrals.forCase': (a) => [a.id('cases')],
    'referrals.forOrganization': (a) => [a.id('organizations'), a.options({ statuses: ['requested', 'draft'] })],
    'referrals.update': (a, w) => [a.ref('referrals'), a.input({ reason: 'Food for four', urgency: 'asap' }, { service: { serviceId: w.pantryId } }, { planId: null })],
    'referrals.transition': (a) => [
      a.ref('referrals'),
      a.oneOf(...REFERRAL_STATUSES),
      a.options({ reason: 'No capacity', recordedFor: 'performer' }, { outcome: { code: REFERRAL_OUTCOME_CODES[0], note: 'Box delivered' }, recordedFor: 'performer' }, { consentOverride: { reason: 'Urgent' } }),
    ],
    'referrals.send': (a) => [a.ref('referrals'), a.options({ consentOverride: { reason: 'Client consented by phone' } })],
    'referrals.sharePreview': (a, w) => [a.either(a.ref('referrals'), a.input({ caseId: w.rosa.caseId, service: { serviceId: w.pantryId } })), a.options({ consentOverride: { reason: 'Urgent', shares: ['phone', 'language'] } })],
    'referrals.isOverdue': (a) => [a.input({ status: 'requested', acknowledgementDueAt: '2026-11-20T00:00:00.000Z' }), a.either(a.instant, a.hostile)],
    'referrals.overdue': (a, w) => [a.options({ asOf: '2027-01-01T00:00:00.000Z', organizationId: w.foodBankId })],
    'referrals.allowedTransitions': (a, w) => [a.input({ status: 'requested', service: { organizationId: w.foodBankId } }), a.oneOf('requester', 'performer', undefined)],

    'consents.record': (a, w) => [
      a.input(
        { clientId: w.rosa.clientId, scope: 'share-with-provider', grantee: { organizationId: w.legalAidId, name: 'Valley Legal Aid' }, purpose: 'Legal referral', source: 'written', period: { start: '2026-11-01', end: '2027-11-01' } },
        { clientId: w.walkInClientId, scope: 'treatment', purpose: 'Counselling', source: 'verbal', status: 'proposed', dateTime: '2026-11-20T10:00:00.000Z' },
      ),
    ],
    'consents.get': (a) => [a.id('consents')],
    'consents.transition': (a) => [a.ref('consents'), a.oneOf(...CONSENT_STATUSES), a.options({ reason: 'Signed by the wrong person' })],
    'consents.revoke': (a) => [a.ref('consents'), a.text],
    'consents.forClient': (a) => [a.id('clients')],
    'disclosures.forClient': (a) => [a.id('clients'), a.options({ from: '2026-01-01T00:00:00.000Z' }, { to: '2027-01-01T00:00:00.000Z' })],
    'consents.activeShareConsent': (a, w) => [a.id('clients'), a.either(a.id('organizations'), a.input({ organizationId: w.foodBankId, organizationName: 'Food bank' }, { organizationName: 'Corner Pantry' })), a.either(a.instant, a.hostile)],

    'directory.createOrganization': (a) => [a.input({ name: 'Eastside Tenants Union', contact: { url: 'https://tenants.example.org' }, identifiers: [{ system: 'urn:ein', value: '12-3456789' }] })],
    'directory.updateOrganization': (a) => [a.ref('organizations'), a.input({ description: 'Free civil legal help' }, { name: 'Valley Legal Aid Society' })],
    'directory.getOrganization': (a) => [a.id('organizations')],
    'directory.searchOrganizations': (a) => [a.text, a.options({ limit: 3 })],
    'directory.createService': (a, w) => [a.input({ organizationId: w.legalAidId, name: 'Tenant clinic', categories: ['legal'], eligibility: { minAge: 18, maxAge: 99, serviceAreas: ['97201'] }, languages: ['es'] })],
    'directory.updateService': (a, w) => [a.ref('services'), a.input({ hours: 'Mon–Fri 9–5', status: 'inactive' }, { organizationId: w.legalAidId })],
    'directory.getService': (a) => [a.id('services')],
    'directory.servicesOf': (a) => [a.id('organizations'), a.options({ includeInactive: true })],
    'directory.searchServices': (a) => [a.input({ need: 'food', language: 'es', text: 'food', clientAge: 40, area: '97201', limit: 5 }, {})],
    'directory.importDirectory': (a) => [
      a.input({
        organizations: [{ sourceId: 'hsds:org-9', name: 'Eastside Tenants Union' }],
        services: [{ sourceId: 'hsds:svc-9', organizationSourceId: 'hsds:org-9', name: 'Tenant clinic', categories: ['legal'] }],
      }),
    ],
    'directory.listOrganizations': (a) => [a.options({ limit: 2 })],
    'directory.listServices': (a) => [a.options({ limit: 2 })],

    'plans.create': (a) => [a.id('cases'), a.input({ title: 'Employment', reviewDate: '2026-12-01', period: { start: '2026-11-01', end: '2027-05-01' }, goals: [{ needDomain: 'employment', description: 'A steady job', interventions: [{ description: 'Write a CV' }] }] })],
    'plans.get': (a) => [a.id('plans')],
    'plans.forCase': (a) => [a.id('cases')],
    'plans.dueForReview': (a) => [a.options({ asOf: '2026-11-24' })],
    'plans.update': (a) => [a.ref('plans'), a.input({ description: 'Reviewed with the client', reviewDate: null }, { period: { start: '2026-12-01', end: '2026-11-01' } })],
    'plans.transition': (a) => [a.ref('plans'), a.oneOf(...PLAN_STATUSES), a.options({ reason: 'Client moved away' })],
    'plans.approveActivation': (a) => [a.ref('plans'), a.options({ note: 'Looks good' })],
    'plans.rejectActivation': (a) => [a.ref('plans'), a.text],
    'plans.addGoal': (a) => [a.ref('plans'), a.input({ needDomain: 'housing', description: 'A lease in her name', interventions: [{ description: 'Call the landlord' }] })],
    'plans.updateGoal': (a, w, fc) => [a.ref('plans'), goal(a, w, fc), a.input({ priority: 'high-priority', targetDate: '2027-01-01' }, { targetDate: null })],
    'plans.transitionGoal': (a, w, fc) => [a.ref('plans'), goal(a, w, fc), a.oneOf(...GOAL_LIFECYCLE_STATUSES), a.options({ reason: 'Entered twice', achievementStatus: 'achieved' })],
    'plans.addIntervention': (a, w, fc) => [a.ref('plans'), goal(a, w, fc), a.input({ description: 'Visit the pantry together', dueDate: '2026-12-01', kind: 'intervention' })],
    'plans.updateIntervention': (a, w, fc) => [a.ref('plans'), goal(a, w, fc), intervention(a, w, fc), a.input({ dueDate: '2026-12-05', assigneeName: 'Rosa' }, { assigneeId: null })],
    'plans.transitionIntervention': (a, w, fc) => [a.ref('plans'), goal(a, w, fc), intervention(a, w, fc), a.oneOf(...INTERVENTION_STATUSES), a.options({ reason: 'Duplicate task' })],
    'plans.addProgress': (a, w, fc) => [a.ref('plans'), goal(a, w, fc), a.input({ text: 'SNAP application submitted', achievementStatus: 'improving' })],
    'plans.suggestGoals': (a) => [a.id('cases')],
    'plans.allowedTransitions': (a) => [a.input({ status: 'draft' })],
    'plans.allowedGoalTransitions': (a) => [a.input({ lifecycleStatus: 'proposed' })],
    'plans.allowedInterventionTransitions': (a) => [a.input({ status: 'not-started' })],

    'notes.create': (a, w) => [
      a.input(
        { caseId: w.rosa.caseId, type: 'phone', text: 'Called about the pantry.', sign: true, nextContactDue: '2026-12-01', occurredAt: '2026-11-23T10:00:00+02:00', durationMinutes: 15 },
        { caseId: w.rosa.caseId, type: 'other', text: 'Progress note.', goalId: w.rosa.goalId },
      ),
    ],
    'notes.get': (a) => [a.id('notes')],
    'notes.update': (a) => [a.ref('notes'), a.input({ text: 'Home visit: fridge empty.', durationMinutes: 30, subject: null })],
    'notes.sign': (a) => [a.ref('notes'), a.options({ nextContactDue: '2026-12-01' })],
    'notes.amend': (a) => [a.ref('notes'), a.input({ text: 'Called about the pantry and the bus.', reason: 'Left out the bus route', occurredAt: '2026-11-22T10:00:00.000Z' })],
    'notes.delete': (a) => [a.ref('notes')],
    'notes.forCase': (a) => [a.id('cases'), a.options({ limit: 5 }, { cursor: 'not-a-cursor' })],

    'drafts.save': (a, w, fc) => [draftKey(a, fc), a.input({ kind: 'intake', data: { step: 3, answers: { household: [{ age: 7 }] } }, caseId: w.rosa.caseId }), a.either(fc.constant<unknown>(undefined), a.ref('drafts'))],
    'drafts.get': (a, _w, fc) => [draftKey(a, fc)],
    'drafts.discard': (a, _w, fc) => [draftKey(a, fc)],

    'reports.workload': (a) => [a.options({ weights: { risk: { high: 5 }, openReferral: 0 } }, { assigneeIds: ['cm-alvarez', 'cm-baker'], program: 'social-work' })],
    'reports.previewTransfer': (a, _w, fc) => [fc.array(a.id('cases'), { maxLength: 3 }), a.oneOf('cm-chen', 'cm-baker', 'cm-alvarez'), a.options({ weights: { openCase: 2 } })],
    'reports.caseload': (a) => [a.input({ ...period, program: 'social-work' }, { ...period, assigneeId: 'cm-baker' })],

    'assessments.definition': (a) => [a.oneOf('phq-9', 'casekit-social-needs-intake'), a.oneOf(undefined, '1.0.0')],
    'assessments.loadDefinition': (a) => [a.oneOf('phq-9', 'casekit-social-needs-intake'), a.oneOf(undefined, '1.0.0')],
    'assessments.submit': (a, w) => [a.input({ caseId: w.rosa.caseId, questionnaireId: 'phq-9', answers: phq9Zeros, language: 'es', draftKey: 'intake' })],
    'assessments.intake': (a, w) => [
      a.input(
        { client: rosaInput, case: { program: 'social-work', priority: 'high' }, questionnaireId: 'phq-9', answers: phq9Zeros },
        { client: { id: w.walkInClientId }, case: { program: 'healthcare', status: 'active' }, questionnaireId: 'phq-9', answers: { ...phq9Zeros, 'phq9-9': '3', 'phq9-difficulty': 'very-difficult' } },
      ),
    ],
    'assessments.get': (a) => [a.id('assessments')],
    'assessments.forCase': (a) => [a.id('cases')],
    'assessments.markEnteredInError': (a) => [a.ref('assessments'), a.text],

    'manager.exportCaseload': () => [],
    'manager.importCaseload': (a, w, fc) => {
      const file = {
        format: CASELOAD_FORMAT,
        formatVersion: CASELOAD_FORMAT_VERSION,
        exportedAt: NOW,
        exportedBy: { id: 'sup-okafor', name: 'Ngozi Okafor', role: 'supervisor' },
        collections: Object.fromEntries(w.chunks.map((chunk) => [chunk.collection, chunk.records.slice(0, 12)])),
      };
      const onProgress = fc.constantFrom<unknown>(undefined, () => undefined, () => {
        throw new HostCallbackFailure('the progress bar broke');
      }, 'not a function');
      return [a.input(file), a.either(fc.constant<unknown>(undefined), fc.tuple(a.oneOf(1, 7, 500, 0, -1, 2.5), onProgress).map(([chunkSize, progress]) => ({ chunkSize, onProgress: progress })), a.hostile)];
    },
    'manager.can': (a, w) => [a.input({ action: 'read', collection: 'cases', record: { id: w.rosa.caseId, assigneeId: 'cm-alvarez', careTeam: [] } }, { action: 'approve', collection: 'plans' })],
    'manager.subscribe': (a, _w, fc) => [a.either(fc.constant<unknown>(() => undefined), a.hostile), a.options({ includeAudit: true })],
    'manager.withActor': (a) => [a.input({ id: 'qa-lind', name: 'Erik Lind', role: 'viewer' }, { id: 'prov-kim', name: 'Jae Kim', role: 'provider', organizationId: 'org-x' })],
    'manager.today': () => [],
    'manager.worklist': (a) => [a.options({ limit: 5, kinds: ['contact-due', 'plan-review-due', 'task-due'], ranking: { priority: { urgent: 50 }, maxOverdueDays: 7 } }, { date: '2026-11-30', timeZone: 'America/Los_Angeles', consentExpiryDays: 30 }, badCursor)],
    'worklist.snooze': (a, w, fc) => [
      a.either(fc.constantFrom<unknown>(`plan-review-due:${w.rosa.planId}`, `contact-due:${w.rosa.caseId}`, `task-due:${w.rosa.planId}/${w.rosa.goalId}/${w.rosa.interventionId}`), a.text),
      a.input({ until: '2026-11-30', reason: 'Client in hospital until Monday' }),
    ],
    'worklist.done': (a, w, fc) => [a.either(fc.constantFrom<unknown>(`plan-review-due:${w.rosa.planId}`, `closure-approval:${w.rosa.caseId}`, `consent-expiring:${w.rosa.caseId}`), a.text)],
  };
}

// ---------------------------------------------------------------------------------------------------
// The contract check around one call
// ---------------------------------------------------------------------------------------------------

type Snapshot = Map<CollectionName, Map<string, string>>;

async function snapshot(storage: StoragePort): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const collection of COLLECTIONS) out.set(collection, new Map((await readAll(storage, collection)).map((r) => [r.id, JSON.stringify(r)])));
  return out;
}

/** JSON with keys sorted, so a record equals its parsed form whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function prototypeKeys(value: unknown, path = ''): string[] {
  if (!value || typeof value !== 'object') return [];
  const own = Object.getOwnPropertyNames(value).filter((k) => k === '__proto__' || k === 'constructor' || k === 'prototype').map((k) => `${path}.${k}`);
  return [...own, ...Object.entries(value).flatMap(([k, child]) => prototypeKeys(child, `${path}.${k}`))];
}

function fail(message: string): never {
  throw new PropertyFailure(message);
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}${error instanceof CasekitError ? ` (${error.code})` : ''}: ${error.message.slice(0, 300)}` : String(error));

/** Checks every changed or new record of a successful call against its schema and for prototype keys. */
function checkStored(before: Snapshot, after: Snapshot, call: string): void {
  for (const collection of COLLECTIONS) {
    const previous = before.get(collection)!;
    for (const [id, json] of after.get(collection)!) {
      if (previous.get(id) === json) continue;
      const record = JSON.parse(json) as unknown;
      const parsed = safeParse(RECORD_SCHEMAS[collection], record);
      if (!parsed.success) fail(`${call} stored ${collection}/${id}, which fails its schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (canonical(parsed.data) !== canonical(record)) fail(`${call} stored ${collection}/${id} not in its parsed form (an export would not re-import it as it is)`);
      const keys = prototypeKeys(record);
      if (keys.length) fail(`${call} stored ${collection}/${id} with prototype keys ${keys.join(', ')}`);
    }
    // Audit events are never changed or removed; other records may be deleted (drafts, draft notes).
    if (collection === 'audit') for (const [id, json] of previous) if (after.get(collection)!.get(id) !== json) fail(`${call} changed or removed audit/${id}`);
  }
}

function checkUnchanged(before: Snapshot, after: Snapshot, call: string, error: unknown, allowRefusalBy?: Actor): void {
  for (const collection of COLLECTIONS) {
    const a = before.get(collection)!;
    const b = after.get(collection)!;
    const added = [...b.keys()].filter((id) => !a.has(id));
    const changed = [...a].filter(([id, json]) => b.get(id) !== json).map(([id]) => id);
    if (collection === 'audit' && allowRefusalBy) {
      if (changed.length) fail(`${call} refused (${describeError(error)}) but changed audit events ${changed.join(', ')}`);
      if (added.length !== 1) fail(`${call} refused (${describeError(error)}): expected exactly one refused audit event, found ${added.length}`);
      const event = JSON.parse(b.get(added[0]!)!) as { outcome?: string; actor?: { id?: string } };
      if (event.outcome !== 'refused' || event.actor?.id !== allowRefusalBy.id) fail(`${call} refused: the audit event ${JSON.stringify(event).slice(0, 300)} is not a refusal by ${allowRefusalBy.id}`);
      continue;
    }
    if (added.length || changed.length) fail(`${call} failed (${describeError(error)}) but wrote ${collection}: added ${added.slice(0, 5).join(', ')} changed ${changed.slice(0, 5).join(', ')}`);
  }
}

function checkResultShape(method: string, result: unknown): void {
  const sync: Record<string, (r: unknown) => boolean> = {
    'manager.can': (r) => typeof r === 'boolean',
    'manager.subscribe': (r) => typeof r === 'function',
    'manager.withActor': (r) => !!r && typeof (r as CaseManager).clients?.get === 'function',
    'referrals.isOverdue': (r) => typeof r === 'boolean',
    'cases.isOverdue': (r) => typeof r === 'boolean',
    'manager.today': (r) => typeof r === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r),
  };
  const check = sync[method] ?? (method.includes('allowed') ? Array.isArray : undefined);
  if (check && !check(result)) fail(`${method} returned ${String(result)}`);
}

const isThenable = (value: unknown): value is PromiseLike<unknown> => !!value && typeof (value as { then?: unknown }).then === 'function';

// ---------------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------------

/**
 * One case per public method of the manager (plus one that checks every method has a case). Each case
 * loads a small realistic world into the storage it is given and runs `numRuns` generated calls.
 */
export function publicApiPropertyCases(fc: FastCheck, options: PublicApiPropertyOptions = {}): PublicApiPropertyCase[] {
  printable(fc);
  const numRuns = options.numRuns ?? 25;
  const isolate = options.isolate ?? true;
  const table = specs();
  const methods = Object.keys(table).filter((name) => options.only?.(name) ?? true);
  const actorKeys: ActorKey[] = ['caseManager', 'colleague', 'supervisor', 'viewer', 'provider', 'volunteer'];

  const cases: PublicApiPropertyCase[] = methods.map((method) => ({
    name: `${method}: hostile arguments keep the contract`,
    method,
    numRuns,
    async run(storage) {
      const w = await world();
      await storage.load(w.chunks);
      const a = arbitraries(fc, w);
      const args = fc.tuple<unknown[]>(...table[method]!(a, w, fc));
      const actor = fc.oneof<ActorKey>(
        { arbitrary: fc.constantFrom<ActorKey>('caseManager', 'supervisor'), weight: 4 },
        { arbitrary: fc.constantFrom<ActorKey>(...actorKeys), weight: 2 },
      );
      const input = fc.tuple<[ActorKey, boolean, unknown[]]>(actor, fc.boolean(), args);
      const stats: PropertyRunStats = { method, inputs: 0, resolved: 0, rejected: {} };
      const [namespace, name] = method.split('.') as [string, string];
      let serial = 0;
      const property = fc.asyncProperty(input, async ([actorKey, gated, generated]) => {
        stats.inputs++;
        if (isolate) {
          await storage.clear();
          await storage.load(w.chunks);
        }
        const actingAs = w.actors[actorKey];
        const manager = createCaseManager({
          storage,
          actor: actingAs,
          clock: () => new Date(NOW),
          ids: sequentialIds(`p${++serial}`),
          ...(gated ? { approvals: { caseClosure: true, planActivation: true } } : {}),
        });
        const target = (namespace === 'manager' ? manager : (manager as unknown as Record<string, Record<string, unknown>>)[namespace]) as Record<string, unknown>;
        const fn = target[name];
        if (typeof fn !== 'function') fail(`${method} is not a function of the manager`);
        const callArgs = (await materialize(generated, storage)) as unknown[];
        const before = await snapshot(storage);
        let result: unknown;
        let error: unknown;
        let threw = false;
        try {
          result = (fn as (...args: unknown[]) => unknown).apply(target, callArgs);
          if (isThenable(result)) result = await result;
        } catch (caught) {
          threw = true;
          error = caught;
        }
        const after = await snapshot(storage);
        if (({} as Record<string, unknown>)['polluted'] !== undefined || ({} as Record<string, unknown>)['isAdmin'] !== undefined) {
          fail(`${method} polluted Object.prototype`);
        }
        if (!threw) {
          stats.resolved++;
          checkStored(before, after, method);
          checkResultShape(method, result);
          await afterSuccess(method, result, storage, w);
          return;
        }
        const code = error instanceof CasekitError ? error.code : `bare ${(error as Error)?.name ?? typeof error}`;
        stats.rejected[code] = (stats.rejected[code] ?? 0) + 1;
        if (!(error instanceof CasekitError)) fail(`${method} threw a bare ${describeError(error)}`);
        if ((error.code === 'internal' && !causedByHostCallback(error)) || error.code === 'storage') fail(`${method} turned bad input into an ${error.code} error: ${describeError(error)}${error.cause ? ` (cause: ${describeError(error.cause)})` : ''}`);
        if (error instanceof ValidationError && (!error.issues.length || !error.issues.every((issue) => Array.isArray(issue.path) && typeof issue.message === 'string'))) {
          fail(`${method}: a ValidationError without field paths: ${JSON.stringify(error.issues).slice(0, 300)}`);
        }
        checkUnchanged(before, after, method, error, error instanceof PermissionError ? actingAs : undefined);
      });
      await fc.assert(property, { numRuns, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
      return stats;
    },
  }));

  cases.push({
    name: 'every public method of the manager has a property case',
    method: 'coverage',
    numRuns: 0,
    async run(storage) {
      const manager = createCaseManager({ storage, actor: PERSONAS.supervisor });
      const found: string[] = [];
      for (const [key, value] of Object.entries(manager)) {
        if (typeof value === 'function') {
          found.push(`manager.${key}`);
          // A callable namespace (`worklist`) has methods of its own too.
          for (const [member, fn] of Object.entries(value)) if (typeof fn === 'function') found.push(`${key}.${member}`);
        } else if (value && typeof value === 'object' && key !== 'actor' && key !== 'storage') {
          for (const [member, fn] of Object.entries(value)) if (typeof fn === 'function') found.push(`${key}.${member}`);
        }
      }
      const missing = found.filter((name) => !(name in table));
      if (missing.length) fail(`public methods without a property case: ${missing.join(', ')}`);
      return { method: 'coverage', inputs: 0, resolved: 0, rejected: {} };
    },
  });
  return cases;
}

/** Extra promises of some successful calls: an export re-imports; a subscribed listener never breaks a write. */
async function afterSuccess(method: string, result: unknown, storage: StoragePort, w: World): Promise<void> {
  if (method === 'manager.exportCaseload') {
    const fresh = createMemoryStorage();
    const importer = createCaseManager({ storage: fresh, actor: PERSONAS.supervisor, clock: () => new Date(NOW) });
    try {
      await importer.importCaseload(JSON.parse(JSON.stringify(result)) as unknown);
    } catch (error) {
      fail(`an export did not re-import: ${describeError(error)}`);
    }
  }
  if (method === 'manager.subscribe') {
    // A listener the host registered (whatever it was) must not break the next write.
    // Fresh ids each time: without `isolate` the probe's earlier writes are still stored.
    const probe = createCaseManager({ storage, actor: w.actors.supervisor, clock: () => new Date(NOW), ids: sequentialIds(`probe-${++probes}`) });
    try {
      await probe.drafts.save('subscription-probe', { kind: 'probe', data: {} });
    } catch (error) {
      fail(`after subscribe(...), a write failed: ${describeError(error)}`);
    } finally {
      if (typeof result === 'function') (result as () => void)();
    }
  }
}

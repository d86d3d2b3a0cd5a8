import { createCaseManager, type CaseManager } from '../case-manager.js';
import type { Actor, NeedDomain } from '../records/common.js';
import type { CaseRecord, CaseStatus, Priority, RiskLevel } from '../case/case-schema.js';
import type { Service } from '../directory/directory-schema.js';
import type { ReferralStatus } from '../referral/referral-schema.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { CaseloadExport } from '../transfer/caseload-transfer.js';
import { pick, seededRandom } from './random.js';
import { seedDirectory } from './seed-directory.js';

export interface SeedOptions {
  /** How many clients (one case each). Default 300. */
  clients?: number;
  /** PRNG seed: the same seed gives the same caseload. Default 2026. */
  seed?: number;
  /** "Today" of the generated caseload. Default: now. */
  now?: Date;
  /** The case managers who hold the caseload; the first holds about 60 open cases. */
  caseManagers?: Actor[];
}

export const SEED_CASE_MANAGERS: Actor[] = [
  { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' },
  { id: 'cm-baker', name: 'Devon Baker', role: 'case-manager' },
  { id: 'cm-chen', name: 'Li Chen', role: 'case-manager' },
  { id: 'cm-dubois', name: 'Amélie Dubois', role: 'case-manager' },
  { id: 'cm-mensah', name: 'Kofi Mensah', role: 'case-manager' },
];
export const SEED_SUPERVISOR: Actor = { id: 'sup-okafor', name: 'Ngozi Okafor', role: 'supervisor' };
/**
 * A staff member of Harbor Housing Partners, a seeded organisation that receives referrals in every
 * status: a provider's view of the seeded caseload (e.g. `<ck-referral-inbox>`). Its id is the one the
 * seed gives that organisation (the directory is created first, so it does not depend on the clients).
 */
export const SEED_PROVIDER_STAFF: Actor = { id: 'prov-reyes', name: 'Sam Reyes', role: 'provider', organizationId: 'seed-00007' };

const PEOPLE: Record<string, { given: string[]; family: string[] }> = {
  en: { given: ['James', 'Grace', 'Tyrone', 'Emily', 'Marcus', 'Hannah', 'Darnell', 'Olivia'], family: ['Johnson', 'Smith', 'Williams', 'Brown', 'Okafor', 'Miller'] },
  es: { given: ['María', 'José', 'Lucía', 'Alejandro', 'Guadalupe', 'Luis', 'Ana', 'Jesús'], family: ['García', 'Hernández', 'Martínez', 'López', 'Muñoz', 'Pérez', 'Ramírez'] },
  vi: { given: ['Thanh', 'Minh', 'Lan', 'Huong', 'Duc'], family: ['Nguyễn', 'Trần', 'Lê', 'Phạm'] },
  zh: { given: ['Wei', 'Mei', 'Jun', 'Xiu'], family: ['Chen', 'Wang', 'Li', 'Zhang'] },
  ar: { given: ['Fatima', 'Omar', 'Aisha', 'Yusuf'], family: ['Haddad', 'Khalil', 'Mansour'] },
  so: { given: ['Hodan', 'Abdi', 'Fadumo', 'Mohamed'], family: ['Farah', 'Warsame', 'Ali'] },
  ru: { given: ['Olga', 'Dmitri', 'Svetlana', 'Ivan'], family: ['Ivanova', 'Petrov', 'Smirnova'] },
};
const LANGUAGE_WEIGHTS: [string, number][] = [['en', 0.5], ['es', 0.25], ['vi', 0.07], ['zh', 0.05], ['ar', 0.05], ['so', 0.04], ['ru', 0.04]];
const PROGRAM_NEEDS: Record<string, NeedDomain[]> = {
  healthcare: ['health', 'transportation', 'food', 'finances'],
  'social-work': ['housing', 'food', 'utilities', 'safety', 'employment', 'legal'],
  insurance: ['health', 'finances', 'transportation'],
  'behavioral-health': ['mental-health', 'substance-use', 'social-support', 'housing'],
};
const REFERRAL_OUTCOMES: ReferralStatus[] = ['draft', 'requested', 'requested', 'accepted', 'rejected', 'in-progress', 'in-progress', 'on-hold', 'completed', 'completed', 'completed', 'failed', 'cancelled'];
const NOTE_TEXT = [
  'Home visit. Client reports the landlord has not fixed the heating; we called the tenant line together.',
  'Phone check-in. Client attended the food pantry on Tuesday and has groceries for the week.',
  'Called the clinic to confirm the appointment; transport booked for 9:30.',
  'Client missed the appointment; left a voicemail in Spanish through the interpreter line.',
  'Met at the library to fill in the benefits application; documents still needed: pay stubs.',
  'Collateral call with the school social worker about attendance.',
];

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A realistic synthetic caseload (fictional people): clients in several languages, many needing an
 * interpreter; cases across healthcare, social-work, insurance and behavioral-health programs in
 * every status; PHQ-9 assessments; care plans with goals and tasks; referrals in every closed-loop
 * status (some unacknowledged past their deadline), consents, signed notes and overdue contacts.
 * Built through the public API (so every record is valid and audited) in memory, and returned as a
 * caseload export for `importCaseload`.
 */
export async function createSeedCaseload(options: SeedOptions = {}): Promise<CaseloadExport> {
  const random = seededRandom(options.seed ?? 2026);
  const today = (options.now ?? new Date()).getTime();
  let clockMs = today;
  let idCounter = 0;
  const storage = createMemoryStorage();
  const base = { storage, clock: () => new Date(clockMs), ids: () => `seed-${(++idCounter).toString(36).padStart(5, '0')}` };
  const admin = createCaseManager({ ...base, actor: { id: 'seed-admin', name: 'Data import', role: 'admin' } });
  const caseManagers = options.caseManagers ?? SEED_CASE_MANAGERS;
  clockMs = today - 200 * DAY;
  const services = await seedDirectory(admin);
  const count = options.clients ?? 300;

  for (let i = 0; i < count; i++) {
    // The first case manager carries about 60 open cases; the rest share the others.
    const owner = i < Math.min(70, count * 0.3) ? caseManagers[0]! : pick(random, caseManagers.slice(1).length ? caseManagers.slice(1) : caseManagers);
    const cm = createCaseManager({ ...base, actor: owner });
    clockMs = today - Math.floor(5 + random() * 150) * DAY;
    await seedOne(cm, random, services, today, () => clockMs, (ms) => (clockMs = Math.min(ms, today)));
  }
  clockMs = today;
  return admin.exportCaseload();
}

/** One client's story, from referral to wherever it stands today; the clock moves forward as it unfolds. */
async function seedOne(cm: CaseManager, random: () => number, services: Service[], today: number, clock: () => number, setClock: (ms: number) => void): Promise<void> {
  const advance = (days: number) => setClock(clock() + days * DAY);

  const language = weighted(random, LANGUAGE_WEIGHTS);
  const names = PEOPLE[language]!;
  const given = pick(random, names.given);
  const family = pick(random, names.family);
  const birthYear = 1940 + Math.floor(random() * 65);
  const { client } = await cm.clients.create({
    name: { given: [given], family },
    birthDate: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    language,
    interpreterNeeded: language !== 'en' && random() < 0.7,
    contact: { phone: `+1 555 ${String(1000 + Math.floor(random() * 8999))}` },
    identifiers: random() < 0.6 ? [{ system: 'https://ehr.example.org/mrn', value: `MRN-${100000 + Math.floor(random() * 899999)}`, type: 'MR' }] : [],
  });
  const program = pick(random, Object.keys(PROGRAM_NEEDS));
  const priority: Priority = weighted(random, [['low', 0.2], ['medium', 0.45], ['high', 0.25], ['urgent', 0.1]]);
  let record: CaseRecord = await cm.cases.create({
    clientId: client.id,
    program,
    priority,
    riskLevel: weighted<RiskLevel>(random, [['low', 0.5], ['moderate', 0.35], ['high', 0.15]]),
    status: 'referred',
    referralSource: pick(random, ['Emergency department', 'Primary care clinic', 'School', 'Self-referral', '211 helpline', 'Health plan']),
    tags: language !== 'en' ? ['interpreter'] : [],
  });
  const target: CaseStatus = weighted(random, [['referred', 0.04], ['intake', 0.08], ['waitlist', 0.04], ['active', 0.6], ['on-hold', 0.1], ['closed', 0.12], ['cancelled', 0.02]]);
  if (target === 'referred') return;
  if (target === 'cancelled') {
    advance(2);
    await cm.cases.transition(record, 'cancelled', { reason: 'Client declined services' });
    return;
  }
  advance(1 + random() * 6);
  record = await cm.cases.transition(record, target === 'waitlist' ? 'waitlist' : 'intake');
  if (target === 'waitlist' || target === 'intake') {
    await cm.cases.update(record, { nextContactDue: isoDate(today + Math.floor(random() * 14 - 2) * DAY) });
    return;
  }

  const needs = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, PROGRAM_NEEDS[program]!)))];
  record = await cm.cases.identifyNeeds(record, needs);
  if (program === 'behavioral-health' || random() < 0.2) {
    const answers = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`phq9-${k + 1}`, String(Math.min(3, Math.floor(random() * (k === 8 ? 1.3 : 4))))]));
    await cm.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers });
    record = await cm.cases.get(record.id);
  }
  advance(1 + random() * 5);
  record = await cm.cases.transition(record, 'active');

  // Care plan: a goal per need, with tasks.
  let plan = await cm.plans.create(record.id, { title: 'Care plan', reviewDate: isoDate(clock() + Math.floor(20 + random() * 70) * DAY) });
  for (const suggestion of await cm.plans.suggestGoals(record.id)) {
    plan = await cm.plans.addGoal(plan, {
      ...suggestion,
      lifecycleStatus: 'active',
      targetDate: isoDate(clock() + Math.floor(30 + random() * 90) * DAY),
      interventions: [
        { kind: 'task', description: `Call the client about ${suggestion.needDomain.replace('-', ' ')} options`, dueDate: isoDate(clock() + Math.floor(random() * 20) * DAY), assigneeId: cm.actor.id, assigneeName: cm.actor.name },
        { kind: 'intervention', description: 'Connect with a community provider', dueDate: isoDate(clock() + Math.floor(7 + random() * 30) * DAY) },
      ],
    });
  }
  plan = await cm.plans.transition(plan, 'active');

  // Consent to share, then referrals for some goals.
  const consented = random() < 0.85;
  if (consented) {
    await cm.consents.record({ clientId: client.id, scope: 'share-with-provider', purpose: 'Share contact details and needs with community providers to arrange services', source: pick(random, ['verbal', 'written', 'electronic']) });
  }
  for (const goal of plan.goals) {
    if (random() < 0.35) continue;
    const options = services.filter((s) => s.categories.includes(goal.needDomain));
    const service = options.length ? pick(random, options) : undefined;
    const outcome = pick(random, REFERRAL_OUTCOMES);
    advance(random() * 4);
    let referral = await cm.referrals.create({
      caseId: record.id,
      planId: plan.id,
      goalId: goal.id,
      reason: `Client needs help with ${goal.needDomain.replace('-', ' ')}: ${goal.description}`,
      urgency: random() < 0.15 ? 'urgent' : 'routine',
      service: service ? { serviceId: service.id } : { organizationName: 'St. Vincent Outreach', serviceName: 'Walk-in assistance', category: goal.needDomain },
      ...(outcome !== 'draft' ? { send: true, ...(consented ? {} : { consentOverride: { reason: 'Client agreed verbally; written form to follow' } }) } : {}),
    });
    if (outcome === 'draft' || outcome === 'requested') continue;
    if (outcome === 'cancelled') {
      await cm.referrals.transition(referral, 'cancelled', { reason: 'Client found help elsewhere' });
      continue;
    }
    advance(0.5 + random() * 6);
    if (outcome === 'rejected') {
      await cm.referrals.transition(referral, 'rejected', { recordedFor: 'performer', reason: 'Program at capacity' });
      continue;
    }
    referral = await cm.referrals.transition(referral, 'accepted', { recordedFor: 'performer' });
    if (outcome === 'accepted') continue;
    advance(1 + random() * 10);
    referral = await cm.referrals.transition(referral, 'in-progress', { recordedFor: 'performer' });
    if (outcome === 'on-hold') {
      await cm.referrals.transition(referral, 'on-hold', { recordedFor: 'performer', reason: 'Waiting for documents' });
      continue;
    }
    if (outcome === 'in-progress') continue;
    advance(3 + random() * 20);
    await cm.referrals.transition(referral, outcome, {
      recordedFor: 'performer',
      outcome: outcome === 'completed' ? { code: 'service-provided', note: 'Client enrolled' } : { code: 'unable-to-contact', note: 'Three attempts, no answer' },
    });
    plan = await cm.plans.get(plan.id);
    if (outcome === 'completed') plan = await cm.plans.addProgress(plan, goal.id, { text: 'Service started; client reports it helps.', achievementStatus: random() < 0.6 ? 'achieved' : 'improving' });
  }

  // Notes, the last of which sets the next contact (some end up overdue).
  const notes = 1 + Math.floor(random() * 3);
  for (let n = 0; n < notes; n++) {
    advance(2 + random() * 12);
    const last = n === notes - 1;
    await cm.notes.create({
      caseId: record.id,
      type: pick(random, ['visit', 'phone', 'phone', 'message', 'collateral']),
      durationMinutes: 10 + Math.floor(random() * 50),
      text: pick(random, NOTE_TEXT),
      sign: true,
      ...(last ? { nextContactDue: isoDate(today + Math.floor(random() * 30 - 6) * DAY) } : {}),
    });
  }
  record = await cm.cases.get(record.id);
  if (target === 'on-hold') await cm.cases.transition(record, 'on-hold', { reason: 'Client in hospital' });
  if (target === 'closed') await cm.cases.transition(record, 'closed', { closureReason: pick(random, ['goals-met', 'goals-met', 'lost-contact', 'moved', 'client-declined']) });
}

function weighted<T extends string>(random: () => number, options: [T, number][]): T {
  let roll = random() * options.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return options[options.length - 1]![0];
}


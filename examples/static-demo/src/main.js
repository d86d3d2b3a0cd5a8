// The demo workspace: casekit elements on a plain page, IndexedDB storage seeded on first run.
// `?storage=fhir` keeps the records on the FHIR R4 server `npm start` runs instead (IndexedDB is then
// its replica and outbox), so two windows — two users — see each other's work.
// Bundled by the root rollup config into dist/casekit-demo.js with every dependency inlined.
import '@casekit/elements/define.js';
import { DEFAULT_STATUS_COLUMNS, getTranslation } from '@casekit/elements';
import { createCaseManager, localizedText } from '@casekit/core';
import { createSeedCaseload, fixtureCases, SEED_CASE_MANAGERS, SEED_PROVIDER_STAFF, SEED_SUPERVISOR } from '@casekit/core/testing';
import { createDexieStorage } from '@casekit/storage-dexie';
import { STRINGS } from './strings.js';

const params = new URLSearchParams(location.search);
/** `?cases=10000` adds that many generated cases to show the board at scale (in its own database). */
const extraCases = Math.min(Number(params.get('cases')) || 0, 100_000);
const ACTORS = [SEED_CASE_MANAGERS[0], SEED_SUPERVISOR, { id: 'qa-lind', name: 'Erik Lind', role: 'viewer' }, SEED_PROVIDER_STAFF];
const ROLE_LABEL = { 'case-manager': 'roleCaseManager', supervisor: 'roleSupervisor', viewer: 'roleViewer', provider: 'roleProvider' };

const $ = (selector) => document.querySelector(selector);
const prefs = JSON.parse(localStorage.getItem('casekit-demo') ?? '{}');
let lang = prefs.lang ?? (navigator.language?.startsWith('es') ? 'es' : 'en');
const t = (key, ...args) => {
  const value = STRINGS[lang][key] ?? STRINGS.en[key];
  if (value === undefined) return undefined;
  return typeof value === 'function' ? value(...args) : value;
};
const savePrefs = () => localStorage.setItem('casekit-demo', JSON.stringify({ lang, theme: $('#theme').value, actor: $('#actor').value }));
/** The status line's message as a key and its arguments, so a language switch says it again in the new language. */
let status;
const showStatus = () => ($('#status').textContent = status ? t(status.key, ...status.args.map(shownArgument)) : '');
const shownArgument = (arg) => (typeof arg === 'function' ? arg() : typeof arg === 'number' ? new Intl.NumberFormat(lang).format(arg) : arg);
/** Says `t(key, ...args)` on the status line (no key: clears it); an argument that is a function is re-read on a language switch. */
const say = (key, ...args) => {
  status = key ? { key, args } : undefined;
  showStatus();
};

const onFhir = params.get('storage') === 'fhir';
const storage = onFhir
  ? await openFhirStorage(fhirBaseUrl())
  : createDexieStorage({
      name: extraCases ? `casekit-demo-${extraCases}` : 'casekit-demo',
      onVersionChange: () => say('otherTabUpgraded'),
    });
// Closing a case takes a supervisor's approval, as in most agencies (the supervisor's queue shows it).
const base = createCaseManager({ storage, actor: ACTORS[0], approvals: { caseClosure: true } });
let manager = base;
let openCaseId;

/** `&fhir=<base URL>` when the server is not at this page's host, port 8081 (serve.mjs prints it). */
function fhirBaseUrl() {
  const given = params.get('fhir');
  const url = new URL(given ?? `${location.protocol}//${location.hostname}:8081/fhir`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Not an http(s) FHIR base URL: ${given}`);
  return url.href.replace(/\/+$/, '');
}

/**
 * The FHIR adapter with an IndexedDB replica and outbox of their own (never the IndexedDB demo's). The
 * demo server is fresh on each `npm start` (it says which run in `x-demo-instance`); a replica of an
 * earlier run would hold versions that server never issued, so it is dropped first.
 */
async function openFhirStorage(baseUrl) {
  const names = { replica: `casekit-demo-fhir:${new URL(baseUrl).host}`, outbox: `casekit-demo-fhir-outbox:${new URL(baseUrl).host}` };
  say('fhirConnecting', baseUrl);
  const instance = await fetch(`${baseUrl}/metadata`, { headers: { accept: 'application/fhir+json' } }).then(
    (response) => response.headers.get('x-demo-instance'),
    () => null, // unreachable: work offline on what this browser has
  );
  const instanceKey = `${names.replica}:instance`;
  if (instance && localStorage.getItem(instanceKey) !== instance) {
    await Promise.all(Object.values(names).map(deleteDatabase));
    localStorage.setItem(instanceKey, instance);
  }
  // Loaded only in this mode: the FHIR adapter and mapping are a chunk of their own.
  const { createFhirStorage, createIndexedDbOutboxStore } = await import('@casekit/storage-fhir');
  const fhir = await createFhirStorage({
    baseUrl,
    replica: createDexieStorage({ name: names.replica, onVersionChange: () => say('otherTabUpgraded') }),
    outbox: await createIndexedDbOutboxStore({ name: names.outbox }),
    pollIntervalMs: 2000,
  });
  let wasOnline = fhir.sync.status().online;
  if (!wasOnline) say('fhirOffline');
  fhir.sync.subscribe((event) => {
    if (event.type !== 'status' || event.status.online === wasOnline) return;
    wasOnline = event.status.online;
    say(wasOnline ? 'fhirBack' : 'fhirOffline');
  });
  return fhir;
}

function deleteDatabase(name) {
  return new Promise((done, fail) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => done();
    request.onerror = () => fail(request.error);
  });
}

/** The header link to the other storage, keeping the rest of the query. */
function storageSwitch() {
  const other = new URLSearchParams(params);
  if (onFhir) other.delete('storage');
  else other.set('storage', 'fhir');
  const link = $('#storage-switch');
  link.href = other.size ? `?${other}` : location.pathname; // an empty href would keep this page's query
  link.dataset.t = onFhir ? 'useLocalStorage' : 'useFhirStorage';
  $('#storage-label').dataset.t = onFhir ? 'storageFhir' : 'storageLocal';
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll('[data-t-label]')) node.setAttribute('aria-label', t(node.dataset.tLabel));
  document.title = t('title');
  const actorSelect = $('#actor');
  const selected = actorSelect.value || prefs.actor || ACTORS[0].id;
  actorSelect.replaceChildren(
    ...ACTORS.map((actor) => new Option(`${actor.name} — ${t(ROLE_LABEL[actor.role])}`, actor.id, false, actor.id === selected)),
  );
  showStatus();
  if (openCaseId) showCase(openCaseId);
}

/** What a number chosen in the summary counts, in the current language (the event's `label` is in the language it was chosen in). */
function selectionLabel({ metric, key, count, label }) {
  const ui = getTranslation(lang);
  if (metric === 'byStatus') return ui.status[key] ?? label;
  if (metric === 'byPriority') return ui.priority[key] ?? label;
  const text = ui.caseloadSummary[metric];
  if (typeof text === 'function') return text(count, new Intl.NumberFormat(lang).format(count));
  return text ?? label;
}

function applyActor() {
  const actor = ACTORS.find((a) => a.id === $('#actor').value) ?? ACTORS[0];
  manager = base.withActor(actor);
  $('#casekit').manager = manager;
  // Offer only what the policy allows this actor (the same rule the API enforces).
  $('#new-intake').hidden = !manager.can({ action: 'create', collection: 'clients' });
  $('#approvals').hidden = !manager.can({ action: 'approve', collection: 'cases' });
  const board = $('ck-caseload-board');
  if (board) board.assignees = SEED_CASE_MANAGERS.map(({ id, name }) => ({ id, name }));
  showInboxFor(actor);
}

/** Provider staff work from their organisation's referral inbox, not a caseload: it replaces the workspace. */
function showInboxFor(actor) {
  const provider = actor.role === 'provider';
  // Its own provider gives the workspace no manager: its hidden elements then read (and are refused) nothing.
  $('#workspace-casekit').manager = provider ? undefined : manager;
  $('.workspace').hidden = provider;
  $('#inbox-view').hidden = !provider;
}

async function seedIfEmpty() {
  const existing = await storage.count('cases', { index: 'id' });
  if (existing > 0) {
    if (onFhir) say('fhirReady', existing);
    return;
  }
  const admin = base.withActor({ id: 'demo-seed', name: 'Demo data', role: 'admin' });
  const data = await createSeedCaseload({ clients: 300, now: new Date() });
  // The board shows the cases' progress in its empty columns meanwhile, instead of "No cases".
  const board = $('ck-caseload-board');
  const totalCases = data.collections.cases?.length ?? 0;
  let casesDone = 0;
  let recordsDone = 0;
  // Checking the file comes before the first chunk is written: show "0 of N" from the start.
  if (board) board.progress = { done: 0, total: totalCases };
  await admin.importCaseload(data, {
    chunkSize: 500,
    onProgress: ({ collection, done, total }) => {
      if (collection === 'cases') casesDone += done - recordsDone;
      recordsDone = done;
      say('seeding', done, total);
      if (board) board.progress = { done: casesDone, total: totalCases };
    },
  });
  if (extraCases && !onFhir) {
    const cases = fixtureCases(extraCases, 99, Date.now() - 200 * 86_400_000).map((c) => ({ ...c, id: `scale-${c.id}`, clientId: `scale-${c.clientId}` }));
    // One all-or-nothing unit (an interrupted seeding leaves none of them), written in chunks of 1,000.
    const chunks = [];
    for (let i = 0; i < cases.length; i += 1000) chunks.push({ collection: 'cases', records: cases.slice(i, i + 1000) });
    let done = 0;
    await storage.load(chunks, {
      onChunk: ({ records }) => {
        say('seeding', (done += records), cases.length);
        if (board) board.progress = { done, total: cases.length };
      },
    });
  }
  if (board) board.progress = undefined;
  say('seeded', await storage.count('cases', { index: 'id' }));
}

async function showCase(caseId) {
  openCaseId = caseId;
  const record = await manager.cases.get(caseId);
  const client = await manager.clients.get(record.clientId);
  const view = $('#case-view');
  view.hidden = false;
  $('.workspace').classList.add('has-case');
  $('#case-heading').textContent = record.clientName;
  const languageName = client.language ? new Intl.DisplayNames([lang], { type: 'language' }).of(client.language) : '—';
  const facts = [
    [t('born'), client.birthDate ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(client.birthDate)) : '—'],
    [t('preferredLanguage'), languageName],
    [t('interpreter'), client.interpreterNeeded ? t('interpreterYes') : t('interpreterNo')],
    [t('program'), getTranslation(lang).programs[record.program] ?? record.program],
    [t('needs'), openNeeds(record).map((domain) => getTranslation(lang).needs[domain]).join(', ') || '—'],
  ];
  $('#client-facts').replaceChildren(
    ...facts.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term; // record data goes in as text, never as HTML
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
  const assessments = await manager.assessments.forCase(caseId);
  // Each assessment is read against the exact version of its questions (loaded on first use).
  const definitions = await Promise.all(assessments.map((a) => manager.assessments.loadDefinition(a.questionnaireId, a.questionnaireVersion)));
  $('#assessments').replaceChildren(
    ...(assessments.length
      ? assessments.map((a, i) => {
          const item = document.createElement('li');
          const definition = definitions[i];
          const [ruleId, score] = Object.entries(a.scores).find(([, s]) => s.value !== null) ?? [];
          const title = localizedText(definition.title, lang);
          const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(a.completedAt));
          // The stored band label is in the language of the day it was scored; the definition has it in this one.
          const band = score?.band && definition.scoring?.find((rule) => rule.id === ruleId)?.bands?.find((b) => b.code === score.band.code);
          const bandLabel = band ? localizedText(band.label, lang) : score?.band?.label;
          item.textContent = [title, date, score ? `${new Intl.NumberFormat(lang).format(score.value)}${bandLabel ? ` (${bandLabel})` : ''}` : ''].filter(Boolean).join(' · ');
          return item;
        })
      : [Object.assign(document.createElement('li'), { textContent: t('noAssessments') })]),
  );
  $('#plan-editor').setAttribute('case-id', caseId);
  $('#referral-tracker').setAttribute('case-id', caseId);
  $('#case-notes').setAttribute('case-id', caseId);
  $('#score-history').setAttribute('case-id', caseId);
  // The case's closure or activation waiting for approval, shown only when there is one.
  const caseApprovals = $('#case-approvals');
  caseApprovals.setAttribute('case-id', caseId);
  void caseApprovals.loadComplete.then(() => (caseApprovals.hidden = caseApprovals.requests.length === 0));
  $('#consents').setAttribute('client-id', record.clientId);
  // The accounting of disclosures is for those the policy lets read the client's audit (a supervisor):
  // shown, and so read and audited, only for them.
  const disclosures = $('#disclosures');
  disclosures.hidden = !manager.can({ action: 'read', collection: 'audit', record: { clientId: record.clientId } });
  if (disclosures.hidden) disclosures.removeAttribute('client-id');
  else disclosures.setAttribute('client-id', record.clientId);
}

/** Needs still open on the case (identified at intake or by hand), in the order they were found. */
const openNeeds = (record) => record.needs.filter((need) => need.status !== 'resolved').map((need) => need.domain);

function closeCase() {
  openCaseId = undefined;
  $('#case-view').hidden = true;
  $('.workspace').classList.remove('has-case');
  // Back where the user was: the card of the case that was open (or the board's current card).
  const board = $('ck-caseload-board');
  board?.focusCase().then((found) => found || board.focus());
}

storageSwitch();
$('#language').value = lang;
$('#theme').value = prefs.theme ?? 'light';
document.documentElement.dataset.ckTheme = $('#theme').value;
applyLanguage();
applyActor();

$('#language').addEventListener('change', (event) => {
  lang = event.target.value;
  applyLanguage();
  savePrefs();
});
$('#theme').addEventListener('change', (event) => {
  document.documentElement.dataset.ckTheme = event.target.value;
  savePrefs();
});
$('#actor').addEventListener('change', () => {
  applyActor();
  closeCase();
  savePrefs();
});
$('#reset').addEventListener('click', async () => {
  if (!confirm(t('resetConfirm'))) return;
  closeCase();
  await storage.clear();
  await seedIfEmpty();
});
$('#new-intake').addEventListener('click', () => $('#intake-dialog').showModal());
$('#close-intake').addEventListener('click', () => $('#intake-dialog').close());
document.addEventListener('ck-case-open', async (event) => {
  await showCase(event.detail.caseId);
  $('#case-heading').focus();
});
document.addEventListener('ck-intake-submitted', async (event) => {
  $('#intake-dialog').close();
  // The next "New intake" starts empty (closing the dialog mid-intake keeps the draft instead).
  void $('#intake-form').reset();
  const { caseId } = event.detail;
  await showCase(caseId);
  say('intakeSaved', $('#case-heading').textContent);
  $('#case-heading').focus();
});
$('#close-case').addEventListener('click', closeCase);
// "Open" on a worklist row: the case it is about (a provider's row names none).
document.addEventListener('ck-worklist-open', async (event) => {
  if (!event.detail.caseId) return;
  await showCase(event.detail.caseId);
  $('#case-heading').focus();
});
// A referral refused for want of a consent: the consent manager below opens its form for that
// organisation (docs/elements/consent-manager.md). The refused Send click's path names the referral.
let lastReferralId;
$('#referral-tracker').addEventListener('click', (event) => {
  const card = event.composedPath().find((node) => node instanceof HTMLElement && node.dataset.referral);
  if (card) lastReferralId = card.dataset.referral;
});
$('#referral-tracker').addEventListener('ck-error', async (event) => {
  const { operation, error } = event.detail;
  const missingConsent = operation === 'send' && error?.issues?.some((issue) => issue.path[0] === 'consent');
  const referral = $('#referral-tracker').referrals.find((r) => r.id === lastReferralId);
  if (!missingConsent || !referral) return;
  const consents = $('#consents');
  if (referral.service.organizationId) consents.organizationId = referral.service.organizationId;
  else consents.organizationName = referral.service.organizationName;
  await consents.loadComplete;
  consents.scrollIntoView({ block: 'start' });
});
// A number chosen in the summary: the board lists exactly the cases it counts (overdue referrals the summary lists itself).
document.addEventListener('ck-summary-select', (event) => {
  const { referrals, filters, statuses, count } = event.detail;
  if (referrals) return;
  const board = $('ck-caseload-board');
  board.filters = filters;
  board.columns = statuses;
  $('#show-all-cases').hidden = false;
  say('showingSelection', () => selectionLabel(event.detail), count);
});
$('#show-all-cases').addEventListener('click', () => {
  const board = $('ck-caseload-board');
  board.filters = {};
  board.columns = DEFAULT_STATUS_COLUMNS;
  $('#show-all-cases').hidden = true;
  say();
  board.focus();
});

await seedIfEmpty();

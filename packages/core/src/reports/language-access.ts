import type { CaseRecord } from '../case/case-schema.js';
import type { Client } from '../client/client-schema.js';
import type { Service } from '../directory/directory-schema.js';
import { isCompletedContact, type Note } from '../note/note-schema.js';
import type { Referral } from '../referral/referral-schema.js';

/**
 * Language access over a reporting period, for clients who need an interpreter: were they referred to
 * services that can serve them in their language, and was an interpreter used when staff met them?
 */
export interface LanguageAccessReport {
  /** Referrals sent in the period for clients who need an interpreter, by how the service meets their language. */
  referrals: {
    sent: number;
    /** The service's staff speak the client's language. */
    staffSpeakLanguage: number;
    /** Not spoken by staff, but the service offers interpretation. */
    interpretationOffered: number;
    /** Neither: the client will meet the service without language support. */
    noLanguageSupport: number;
    /** Free-text services (no directory entry) or clients with no language on file: not known. */
    unknown: number;
    /** staffSpeakLanguage / (sent - unknown); null when nothing is known. */
    matchedRate: number | null;
  };
  /** Completed contacts in the period with clients who need an interpreter. */
  contacts: {
    total: number;
    interpreterUsed: number;
    /** The note says no interpreter was used. */
    interpreterNotUsed: number;
    /** The note does not say (notes written before interpreter use was recorded). */
    notRecorded: number;
    /** interpreterUsed / (total - notRecorded); null when nothing is recorded. */
    interpreterUseRate: number | null;
  };
  /** Clients who need an interpreter with a referral sent or a completed contact in the period. */
  clients: number;
  /** The same figures per client language (primary subtag, `vi`; `null`: no language on file), most clients first. */
  byLanguage: LanguageAccessByLanguage[];
}

/** One language's share of a `LanguageAccessReport`. */
export interface LanguageAccessByLanguage {
  /** The clients' language as its primary subtag (`vi-VN` counts as `vi`), or null when none is on file. */
  language: string | null;
  clients: number;
  referrals: LanguageAccessReport['referrals'];
  contacts: LanguageAccessReport['contacts'];
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0]!;
const speaks = (languages: readonly string[], language: string) => languages.some((l) => primary(l) === primary(language));
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The figures from records in hand: referrals sent and completed contacts (notes) in the period, with
 * the clients, cases and directory services they name. Only clients with `interpreterNeeded` count.
 */
export function languageAccessOf(
  referrals: readonly Referral[],
  notes: readonly Note[],
  clients: ReadonlyMap<string, Pick<Client, 'language' | 'interpreterNeeded'>>,
  cases: ReadonlyMap<string, Pick<CaseRecord, 'clientId'>>,
  services: ReadonlyMap<string, Pick<Service, 'languages' | 'interpretationAvailable'>>,
): LanguageAccessReport {
  const needsInterpreter = (clientId: string | undefined): clientId is string => (clientId ? clients.get(clientId)?.interpreterNeeded === true : false);
  const languageOf = (clientId: string) => {
    const language = clients.get(clientId)?.language;
    return language ? primary(language) : null;
  };
  const all = new Tally();
  const perLanguage = new Map<string | null, Tally>();
  const tallies = (clientId: string) => {
    const language = languageOf(clientId);
    let tally = perLanguage.get(language);
    if (!tally) perLanguage.set(language, (tally = new Tally()));
    return [all, tally];
  };
  for (const referral of referrals) {
    if (!needsInterpreter(referral.clientId)) continue;
    const language = clients.get(referral.clientId)?.language;
    const service = referral.service.serviceId ? services.get(referral.service.serviceId) : undefined;
    const match: ReferralMatch = !language || !service ? 'unknown' : speaks(service.languages, language) ? 'staffSpeakLanguage' : service.interpretationAvailable ? 'interpretationOffered' : 'noLanguageSupport';
    for (const tally of tallies(referral.clientId)) tally.refer(referral.clientId, match);
  }
  for (const note of notes) {
    const clientId = cases.get(note.caseId)?.clientId;
    if (!isCompletedContact(note) || !needsInterpreter(clientId)) continue;
    const use: InterpreterUse = !note.interpreter ? 'notRecorded' : note.interpreter.used ? 'interpreterUsed' : 'interpreterNotUsed';
    for (const tally of tallies(clientId)) tally.meet(clientId, use);
  }
  const byLanguage = [...perLanguage]
    .map(([language, tally]) => ({ language, ...tally.figures() }))
    .sort((a, b) => b.clients - a.clients || (a.language ?? '\uffff').localeCompare(b.language ?? '\uffff'));
  return { ...all.figures(), byLanguage };
}

type ReferralMatch = 'staffSpeakLanguage' | 'interpretationOffered' | 'noLanguageSupport' | 'unknown';
type InterpreterUse = 'interpreterUsed' | 'interpreterNotUsed' | 'notRecorded';

/** Counts for one group of clients (all, or one language's). */
class Tally {
  readonly referred = { sent: 0, staffSpeakLanguage: 0, interpretationOffered: 0, noLanguageSupport: 0, unknown: 0 };
  readonly met = { total: 0, interpreterUsed: 0, interpreterNotUsed: 0, notRecorded: 0 };
  private readonly clientIds = new Set<string>();

  refer(clientId: string, match: ReferralMatch): void {
    this.clientIds.add(clientId);
    this.referred.sent++;
    this.referred[match]++;
  }

  meet(clientId: string, use: InterpreterUse): void {
    this.clientIds.add(clientId);
    this.met.total++;
    this.met[use]++;
  }

  figures(): Omit<LanguageAccessReport, 'byLanguage'> {
    const r = this.referred;
    const m = this.met;
    return {
      referrals: { ...r, matchedRate: rate(r.staffSpeakLanguage, r.sent - r.unknown) },
      contacts: { ...m, interpreterUseRate: rate(m.interpreterUsed, m.total - m.notRecorded) },
      clients: this.clientIds.size,
    };
  }
}

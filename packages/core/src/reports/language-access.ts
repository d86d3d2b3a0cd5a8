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
  const needsInterpreter = (clientId: string | undefined) => (clientId ? clients.get(clientId)?.interpreterNeeded === true : false);
  const referred = { sent: 0, staffSpeakLanguage: 0, interpretationOffered: 0, noLanguageSupport: 0, unknown: 0 };
  for (const referral of referrals) {
    if (!needsInterpreter(referral.clientId)) continue;
    referred.sent++;
    const language = clients.get(referral.clientId)?.language;
    const service = referral.service.serviceId ? services.get(referral.service.serviceId) : undefined;
    if (!language || !service) referred.unknown++;
    else if (speaks(service.languages, language)) referred.staffSpeakLanguage++;
    else if (service.interpretationAvailable) referred.interpretationOffered++;
    else referred.noLanguageSupport++;
  }
  const met = { total: 0, interpreterUsed: 0, interpreterNotUsed: 0, notRecorded: 0 };
  for (const note of notes) {
    if (!isCompletedContact(note) || !needsInterpreter(cases.get(note.caseId)?.clientId)) continue;
    met.total++;
    if (!note.interpreter) met.notRecorded++;
    else if (note.interpreter.used) met.interpreterUsed++;
    else met.interpreterNotUsed++;
  }
  return {
    referrals: { ...referred, matchedRate: rate(referred.staffSpeakLanguage, referred.sent - referred.unknown) },
    contacts: { ...met, interpreterUseRate: rate(met.interpreterUsed, met.total - met.notRecorded) },
  };
}

import * as z from 'zod/mini';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseId, parseRef, parseOptions } from '../internal/parse.js';
import type { VersionRef } from '../internal/writer.js';
import { searchTokens } from '../internal/search-tokens.js';
import { CaseSchema } from '../case/case-schema.js';
import { ReferralSchema, type Referral } from '../referral/referral-schema.js';
import { ClientInputSchema, ClientPatchSchema, ClientSchema, displayName, type Client, type ClientInput } from './client-schema.js';
import type { DuplicateCandidate } from './duplicates.js';
import { duplicateHints } from './duplicate-hints.js';

export type ClientPatch = z.input<typeof ClientPatchSchema>;

const SearchOptionsSchema = z.strictObject({ limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(200)), 20) });
const SearchTextSchema = z.string().check(z.maxLength(500));
/** How many name-prefix matches a search reads at most before giving up on filling `limit`. */
const SEARCH_SCAN = 2000;

export interface ClientsApi {
  /**
   * Creates a client and returns likely duplicates already on file (same external identifier, or
   * same birth date and a similar name), so the host can offer to link instead of keeping two records.
   * Duplicates the actor may not read come back as one `restricted` hint with no personal fields.
   */
  create(input: ClientInput): Promise<{ client: Client; possibleDuplicates: DuplicateCandidate[] }>;
  /** Likely duplicates of a client not yet created (writes nothing but the audit of what it shows). */
  findDuplicates(input: ClientInput): Promise<DuplicateCandidate[]>;
  /** Reads a client. Every read is recorded in the audit trail. */
  get(id: string): Promise<Client>;
  /** Changes fields of a client based on the version the caller saw. Case name snapshots follow. */
  update(ref: VersionRef, patch: ClientPatch): Promise<Client>;
  /**
   * Clients this actor may read whose names start with the words typed (accent- and case-insensitive),
   * audited as one read naming every client returned.
   */
  search(text: string, options?: { limit?: number }): Promise<Client[]>;
  /** Marks `duplicate` as the same person as `survivorId`: it becomes inactive and points at the survivor. */
  link(duplicate: VersionRef, survivorId: string): Promise<Client>;
}

export function createClientsApi(context: ManagerContext): ClientsApi {
  /** Loads a client the actor may act on in this way, with the client's cases. */
  async function loadAuthorized(id: string, action: 'read' | 'update') {
    const client = await context.load<Client>('clients', id);
    const cases = await context.casesOfClient(id);
    if (action === 'read') context.authorizeClientRead(client, cases);
    else {
      context.authorize({ action, collection: 'clients', record: client, clientCases: cases });
      // Changing a client shows it too: the same visibility rule applies.
      context.authorizeClientRead(client, cases);
    }
    return { client, cases };
  }

  return {
    async findDuplicates(input) {
      const fields = parse(ClientInputSchema, input);
      // Duplicate checks serve creating a client: who may not create one learns nothing here.
      context.authorize({ action: 'create', collection: 'clients', record: fields });
      return duplicateHints(context, undefined, fields);
    },

    async create(input) {
      const fields = parse(ClientInputSchema, input);
      context.authorize({ action: 'create', collection: 'clients', record: fields });
      const writer = context.writer();
      const possibleDuplicates = await duplicateHints(context, writer, fields);
      const client = writer.create('clients', ClientSchema, fields);
      await writer.commit();
      return { client, possibleDuplicates };
    },

    async get(idInput) {
      const id = parseId(idInput);
      const { client } = await loadAuthorized(id, 'read');
      await context.disclose('clients', [client], { clientId: id });
      return client;
    },

    async update(refInput, patchInput) {
      const ref = parseRef(refInput);
      const patch = parse(ClientPatchSchema, patchInput);
      const { client: before, cases } = await loadAuthorized(ref.id, 'update');
      const writer = context.writer();
      const client = writer.update('clients', ClientSchema, before, { ...before, ...patch }, { clientId: ref.id }, ref.version);
      const name = displayName(client.name);
      // Cases and referrals carry the client's display name (like a FHIR Reference.display) so caseload
      // queries can search it; cases also carry the interpreter need the worklist ranks by.
      for (const c of cases) {
        if (c.clientName !== name || c.clientInterpreterNeeded !== client.interpreterNeeded) {
          writer.update('cases', CaseSchema, c, { ...c, clientName: name, clientInterpreterNeeded: client.interpreterNeeded }, { caseId: c.id, clientId: ref.id });
        }
      }
      const referrals = (await context.storage.find<Referral & { id: string; version: number }>('referrals', { index: 'clientId', equals: ref.id })).items;
      for (const r of referrals) {
        if (r.clientName !== name) writer.update('referrals', ReferralSchema, r, { ...r, clientName: name }, { caseId: r.caseId, clientId: ref.id });
      }
      await writer.commit();
      return client;
    },

    async search(textInput, optionsInput) {
      const text = parse(SearchTextSchema, textInput, ['text']);
      const { limit } = parseOptions(SearchOptionsSchema, optionsInput);
      const words = searchTokens(text);
      const longest = [...words].sort((a, b) => b.length - a.length)[0];
      if (!longest) return [];
      const seen = new Set<string>();
      const results: Client[] = [];
      // Pages sized to the limit: a common prefix ("garc") matches thousands of clients, and reading them
      // all before stopping took 407 ms at 100,000. At most SEARCH_SCAN index entries are looked at.
      // When few of a page are readable (a case manager's search over a whole agency), the next page
      // grows to what the rate seen so far says the rest of the limit needs.
      let pageSize = Math.min(SEARCH_SCAN, Math.max(50, limit * 2));
      let cursor: string | undefined;
      let scanned = 0;
      do {
        const page = await context.storage.find<Client & { id: string; version: number }>('clients', {
          index: 'nameTokens',
          range: { gte: longest, lt: `${longest}\uffff` },
          limit: Math.min(pageSize, SEARCH_SCAN - scanned),
          ...(cursor ? { cursor } : {}),
        });
        scanned += page.items.length;
        const candidates = page.items.filter((client) => {
          if (seen.has(client.id)) return false;
          seen.add(client.id);
          const tokens = searchTokens([...client.name.given, client.name.family, client.name.preferred ?? ''].join(' '));
          return words.every((w) => tokens.some((t) => t.startsWith(w)));
        });
        // Each match is checked like a read of it: a search never shows a client `get` would refuse. The
        // lookups of each client's cases go out together, as many at a time as results are still missing.
        for (let at = 0; at < candidates.length && results.length < limit; ) {
          const slice = candidates.slice(at, at + limit - results.length);
          at += slice.length;
          const casesOf = await Promise.all(slice.map((client) => context.casesOfClient(client.id)));
          slice.forEach((client, i) => {
            if (context.mayReadClientRecord(client, casesOf[i]!)) results.push(client);
          });
        }
        const rate = results.length / Math.max(1, scanned);
        if (rate > 0) pageSize = Math.min(SEARCH_SCAN, Math.max(pageSize, Math.ceil((limit - results.length) / rate) + 10));
        else pageSize = Math.min(SEARCH_SCAN, pageSize * 4);
        cursor = page.nextCursor;
      } while (cursor && results.length < limit && scanned < SEARCH_SCAN);
      await context.disclose('clients', results, { scope: 'clients.search' });
      return results;
    },

    async link(refInput, survivorIdInput) {
      const ref = parseRef(refInput);
      const survivorId = parseId(survivorIdInput, ['survivorId']);
      const { client: before } = await loadAuthorized(ref.id, 'update');
      await loadAuthorized(survivorId, 'read');
      const writer = context.writer();
      const client = writer.update('clients', ClientSchema, before, { ...before, linkedTo: survivorId, active: false }, { clientId: ref.id, reason: `linked to ${survivorId}` }, ref.version);
      await writer.commit();
      return client;
    },
  };
}

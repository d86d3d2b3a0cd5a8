import * as z from 'zod';
import type { ManagerContext } from '../internal/context.js';
import { parse } from '../internal/parse.js';
import type { VersionRef } from '../internal/writer.js';
import { searchTokens } from '../internal/search-tokens.js';
import { CaseSchema } from '../case/case-schema.js';
import { ReferralSchema, type Referral } from '../referral/referral-schema.js';
import { ClientInputSchema, ClientPatchSchema, ClientSchema, displayName, type Client, type ClientInput } from './client-schema.js';
import { findDuplicateClients, type DuplicateCandidate } from './duplicates.js';
import { casesOfClient } from '../case/cases-of-client.js';

export type ClientPatch = z.input<typeof ClientPatchSchema>;

export interface ClientsApi {
  /**
   * Creates a client and returns likely duplicates already on file (same external identifier, or
   * same birth date and a similar name), so the host can offer to link instead of keeping two records.
   */
  create(input: ClientInput): Promise<{ client: Client; possibleDuplicates: DuplicateCandidate[] }>;
  /** Likely duplicates of a client not yet created (writes nothing). */
  findDuplicates(input: ClientInput): Promise<DuplicateCandidate[]>;
  /** Reads a client. Every read is recorded in the audit trail. */
  get(id: string): Promise<Client>;
  /** Changes fields of a client based on the version the caller saw. Case name snapshots follow. */
  update(ref: VersionRef, patch: ClientPatch): Promise<Client>;
  /** Clients whose names start with the words typed (accent- and case-insensitive). */
  search(text: string, options?: { limit?: number }): Promise<Client[]>;
  /** Marks `duplicate` as the same person as `survivorId`: it becomes inactive and points at the survivor. */
  link(duplicate: VersionRef, survivorId: string): Promise<Client>;
}

export function createClientsApi(context: ManagerContext): ClientsApi {
  const casesOf = (clientId: string) => casesOfClient(context.storage, clientId);

  const findDuplicates = async (input: ClientInput) => findDuplicateClients(context.storage, parse(ClientInputSchema, input));

  return {
    findDuplicates,

    async create(input) {
      const fields = parse(ClientInputSchema, input);
      context.authorize({ action: 'create', collection: 'clients', record: fields });
      const possibleDuplicates = await findDuplicates(fields);
      const writer = context.writer();
      const client = writer.create('clients', ClientSchema, fields);
      await writer.commit();
      return { client, possibleDuplicates };
    },

    async get(id) {
      const client = await context.load<Client>('clients', id);
      context.authorize({ action: 'read', collection: 'clients', record: client, clientCases: await casesOf(id) });
      const writer = context.writer();
      writer.note('clients', client, { action: 'read', clientId: id });
      await writer.commit();
      return client;
    },

    async update(ref, patchInput) {
      const patch = parse(ClientPatchSchema, patchInput);
      const before = await context.load<Client>('clients', ref.id);
      const cases = await casesOf(ref.id);
      context.authorize({ action: 'update', collection: 'clients', record: before, clientCases: cases });
      const writer = context.writer();
      const client = writer.update('clients', ClientSchema, before, { ...before, ...patch }, { clientId: ref.id }, ref.version);
      const name = displayName(client.name);
      // Cases and referrals carry the client's display name (like a FHIR Reference.display) so caseload queries can search it.
      for (const c of cases) {
        if (c.clientName !== name) writer.update('cases', CaseSchema, c, { ...c, clientName: name }, { caseId: c.id, clientId: ref.id });
      }
      const referrals = (await context.storage.find<Referral & { id: string; version: number }>('referrals', { index: 'clientId', equals: ref.id })).items;
      for (const r of referrals) {
        if (r.clientName !== name) writer.update('referrals', ReferralSchema, r, { ...r, clientName: name }, { caseId: r.caseId, clientId: ref.id });
      }
      await writer.commit();
      return client;
    },

    async search(text, options = {}) {
      const words = searchTokens(text);
      const longest = [...words].sort((a, b) => b.length - a.length)[0];
      if (!longest) return [];
      context.authorize({ action: 'read', collection: 'clients' });
      const page = await context.storage.find<Client & { id: string; version: number }>('clients', {
        index: 'nameTokens',
        range: { gte: longest, lt: `${longest}\uffff` },
      });
      const seen = new Set<string>();
      const results: Client[] = [];
      for (const client of page.items) {
        if (seen.has(client.id)) continue;
        seen.add(client.id);
        const tokens = searchTokens([...client.name.given, client.name.family, client.name.preferred ?? ''].join(' '));
        if (words.every((w) => tokens.some((t) => t.startsWith(w)))) results.push(client);
        if (results.length >= (options.limit ?? 20)) break;
      }
      return results;
    },

    async link(ref, survivorId) {
      const before = await context.load<Client>('clients', ref.id);
      await context.load<Client>('clients', survivorId);
      context.authorize({ action: 'update', collection: 'clients', record: before, clientCases: await casesOf(ref.id) });
      const writer = context.writer();
      const client = writer.update('clients', ClientSchema, before, { ...before, linkedTo: survivorId, active: false }, { clientId: ref.id, reason: `linked to ${survivorId}` }, ref.version);
      await writer.commit();
      return client;
    },
  };
}

import type { ManagerContext } from '../internal/context.js';
import type { Writer } from '../internal/writer.js';
import type { Client } from './client-schema.js';
import { findDuplicateClients, type DuplicateCandidate, type DuplicateReason } from './duplicates.js';

/**
 * Likely duplicates as this actor may see them: clients they may read in full, the rest folded into
 * one `restricted` hint without personal fields. The full ones are disclosed in one audit event,
 * queued in `writer` (the call's own batch) or written at once.
 */
export async function duplicateHints(context: ManagerContext, writer: Writer | undefined, input: Pick<Client, 'name' | 'identifiers'> & { birthDate?: string | undefined }): Promise<DuplicateCandidate[]> {
  const matches = await findDuplicateClients(context.storage, input);
  const visible: DuplicateCandidate[] = [];
  const hidden = new Set<DuplicateReason>();
  for (const match of matches) {
    if (context.mayReadClientRecord(match.client, await context.casesOfClient(match.client.id))) visible.push({ access: 'full', ...match });
    else match.reasons.forEach((reason) => hidden.add(reason));
  }
  const shown = visible.flatMap((c) => (c.access === 'full' ? [c.client] : []));
  if (writer) context.queueDisclosure(writer, 'clients', shown, { scope: 'clients.findDuplicates' });
  else await context.disclose('clients', shown, { scope: 'clients.findDuplicates' });
  return hidden.size ? [...visible, { access: 'restricted', reasons: [...hidden] }] : visible;
}

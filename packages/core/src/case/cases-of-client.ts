import type { StoragePort } from '../storage/storage-port.js';
import type { CaseRecord } from './case-schema.js';

/** Every case of one client (any status), through the `clientId+status` index. */
export async function casesOfClient(storage: StoragePort, clientId: string): Promise<CaseRecord[]> {
  const page = await storage.find<CaseRecord & { id: string; version: number }>('cases', { index: 'clientId+status', prefix: [clientId] });
  return page.items;
}

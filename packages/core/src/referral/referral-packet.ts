import { displayName, type Client } from '../client/client-schema.js';
import type { ShareableClientField } from '../consent/consent-schema.js';
import type { ReferralPacket } from './referral-schema.js';

/**
 * The packet a referral carries to the receiving organisation: the client's name plus exactly the
 * fields in `shares` that the client record has. Built in one place so that `send` and `sharePreview`
 * cannot disagree about what is disclosed.
 */
export function buildReferralPacket(client: Client | undefined, fallbackName: string, shares: readonly ShareableClientField[]): ReferralPacket {
  const has = (field: ShareableClientField) => shares.includes(field);
  const packet: ReferralPacket = { clientName: client ? displayName(client.name) : fallbackName, shares: [...shares] };
  if (!client) return packet;
  if (has('phone') && client.contact.phone) packet.phone = client.contact.phone;
  if (has('email') && client.contact.email) packet.email = client.contact.email;
  if (has('address') && client.address) packet.address = client.address;
  if (has('language')) {
    if (client.language) packet.language = client.language;
    packet.interpreterNeeded = client.interpreterNeeded;
  }
  if (has('birthDate') && client.birthDate) packet.birthDate = client.birthDate;
  return packet;
}

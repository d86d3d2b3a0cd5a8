import { html, nothing, type TemplateResult } from 'lit';
import { SHAREABLE_CLIENT_FIELDS, type Address, type ReferralPacket, type ShareableClientField } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { ltrIsolate } from '../../internal/bidi.js';

/** One client detail as shown: its label, and its value (absent: shared, but the record had none). */
interface Shown {
  field: ShareableClientField | 'name' | 'interpreter';
  label: string;
  value: string | undefined;
}

function addressText(address: Address): string {
  const cityLine = [address.city, address.district, address.state, address.postalCode].filter(Boolean).join(' ');
  return [...address.line, cityLine, address.country].filter(Boolean).join(', ');
}

function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * What the referral carries about the client (`referral.packet`, the snapshot taken when it was
 * sent), each detail labelled in words, then what was not shared. Only the packet is read: nothing
 * else of the client or the case reaches this view.
 */
export function renderPacket(packet: ReferralPacket | undefined, clientName: string, localize: LocalizeController, headingLevel: number, id: string): TemplateResult {
  const t = localize.t.referralInbox;
  const shares = packet?.shares ?? [];
  const shown: Shown[] = [{ field: 'name', label: t.fields.name, value: packet?.clientName || clientName }];
  const withheld: string[] = [];
  for (const field of SHAREABLE_CLIENT_FIELDS) {
    if (!shares.includes(field)) {
      withheld.push(t.fields[field]);
      continue;
    }
    switch (field) {
      case 'phone':
        shown.push({ field, label: t.fields.phone, value: packet?.phone ? ltrIsolate(packet.phone) : undefined });
        break;
      case 'email':
        shown.push({ field, label: t.fields.email, value: packet?.email ? ltrIsolate(packet.email) : undefined });
        break;
      case 'address':
        shown.push({ field, label: t.fields.address, value: packet?.address ? addressText(packet.address) || undefined : undefined });
        break;
      case 'language':
        shown.push({ field, label: t.fields.language, value: packet?.language ? languageName(packet.language, localize.lang) : undefined });
        if (packet?.interpreterNeeded !== undefined) {
          shown.push({ field: 'interpreter', label: t.fields.interpreter, value: packet.interpreterNeeded ? t.interpreterNeeded : t.interpreterNotNeeded });
        }
        break;
      case 'birthDate':
        shown.push({ field, label: t.fields.birthDate, value: packet?.birthDate ? localize.date(packet.birthDate) : undefined });
        break;
    }
  }
  const summary = !packet ? t.noPacket : !shares.length ? t.nameOnly : withheld.length ? t.notShared(localize.list(withheld)) : '';
  return html`<div class="packet" part="packet">
    <div role="heading" aria-level=${headingLevel} class="subheading" id="${id}-shared">${t.sharedHeading}</div>
    <dl class="shared" part="shared">
      ${shown.map(
        (s) => html`<div data-field=${s.field}>
          <dt>${s.label}</dt>
          <dd class=${s.value === undefined ? 'missing' : nothing}>${s.value ?? t.notRecorded}</dd>
        </div>`,
      )}
    </dl>
    <p class="not-shared" part="not-shared">${summary ? html`<span>${summary}</span> ` : nothing}<span>${t.otherDetails}</span></p>
  </div>`;
}

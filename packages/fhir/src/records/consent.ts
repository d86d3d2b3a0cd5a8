/**
 * consents <-> Consent. scope: share-with-provider and privacy are `patient-privacy` (told apart by a
 * casekit category coding next to LOINC 59284-0 "Patient Consent"), treatment and research map onto
 * themselves. The grantee is provision.actor with role IRCP (information recipient).
 */
import type { Consent as CasekitConsent, ConsentScope } from '@casekit/core';
import type { Consent, Resource } from '@medplum/fhirtypes';
import { SYSTEMS, isFhirUri } from './codes.js';
import type { RecordMapping } from './context.js';
import { actorOf, actorReference, codeIn, compact, defined, ext, findExt, findExts, recordIdOf, recordReference, statusHistoryExts, statusHistoryOf, text } from './elements.js';
import { IMPORTER } from './plan.js';
import { madeByCasekit, readRecordMeta, recordHeader } from './record-meta.js';

const R4_SCOPE: Readonly<Record<ConsentScope, string>> = { 'share-with-provider': 'patient-privacy', privacy: 'patient-privacy', treatment: 'treatment', research: 'research' };

export const consentMapping: RecordMapping<CasekitConsent> = {
  collection: 'consents',
  primaryTypes: ['Consent'],
  toFhir(consent) {
    const header = recordHeader(consent);
    const resource: Consent = compact({
      resourceType: 'Consent' as const,
      id: header.id,
      meta: header.meta,
      extension: [
        ...header.extension,
        text(consent.purpose) ? ext('consent-purpose', { valueString: consent.purpose }) : undefined,
        ext('consent-source', { valueCode: consent.source }),
        ext('recorded-by', { valueReference: actorReference(consent.recordedBy) }),
        ...statusHistoryExts(consent.statusHistory),
      ].filter((e) => e !== undefined),
      identifier: header.identifier,
      status: consent.status,
      scope: { coding: [{ system: SYSTEMS.consentScopeR4, code: R4_SCOPE[consent.scope] }] },
      category: [{ coding: [{ system: SYSTEMS.consentCategoryLoinc, code: '59284-0' }, { system: SYSTEMS.consentScope, code: consent.scope }] }],
      patient: recordReference('Patient', consent.clientId),
      dateTime: consent.dateTime,
      sourceAttachment: consent.sourceReference ? (isFhirUri(consent.sourceReference) ? { url: consent.sourceReference } : { title: consent.sourceReference }) : undefined,
      // R4 wants a policy or a rule: an opt-in to what `purpose` says.
      policyRule: { coding: [{ system: SYSTEMS.v3ActCode, code: 'OPTIN' }] },
      provision: compact({
        type: 'permit' as const,
        // Client fields permitted beyond the name (casekit `shares`); R4 has no field-level data element for this.
        extension: (consent.shares ?? []).map((field) => ext('consent-shares', { valueCode: field })),
        period: compact({ start: consent.period.start, end: consent.period.end }),
        actor: consent.grantee
          ? [
              {
                role: { coding: [{ system: SYSTEMS.v3ParticipationType, code: 'IRCP' }] },
                reference: consent.grantee.organizationId ? recordReference('Organization', consent.grantee.organizationId, consent.grantee.name) : { display: consent.grantee.name },
              },
            ]
          : undefined,
      }),
    });
    return [resource];
  },
  fromFhir(resource: Resource, context) {
    const consent = resource as Consent;
    const meta = readRecordMeta(consent, context);
    if (!meta) return undefined;
    const scopeCode = consent.category?.map((c) => codeIn(c, SYSTEMS.consentScope)).find(Boolean);
    const r4Scope = codeIn(consent.scope, SYSTEMS.consentScopeR4);
    const scope = scopeCode ?? (r4Scope === 'patient-privacy' ? 'privacy' : r4Scope === 'treatment' || r4Scope === 'research' ? r4Scope : undefined);
    if (!scope) context.report('Consent.scope', `Scope "${r4Scope ?? consent.scope.text ?? ''}" has no casekit counterpart: imported as "privacy"`);
    const recipient = consent.provision?.actor?.find((a) => a.role.coding?.some((c) => c.code === 'IRCP')) ?? consent.provision?.actor?.[0];
    const recordedBy = actorOf(findExt(consent.extension, 'recorded-by')?.valueReference);
    const history = statusHistoryOf(consent.extension);
    const dateTime = consent.dateTime ?? meta.createdAt;
    if (consent.provision?.provision?.length) context.report('Consent.provision.provision', 'Nested provisions are not imported (casekit keeps one permit)');
    if (consent.provision?.type === 'deny') context.report('Consent.provision.type', 'A deny provision is imported as a casekit consent that permits; check it');
    return defined({
      ...meta,
      clientId: recordIdOf(consent.patient, 'Patient'),
      status: consent.status,
      scope: scope ?? 'privacy',
      grantee: recipient?.reference ? defined({ organizationId: recordIdOf(recipient.reference, 'Organization'), name: recipient.reference.display ?? 'Unnamed recipient' }) : undefined,
      purpose: findExt(consent.extension, 'consent-purpose')?.valueString ?? consent.policyRule?.text ?? '',
      dateTime,
      period: defined({ start: consent.provision?.period?.start ?? dateTime, end: consent.provision?.period?.end }),
      source: findExt(consent.extension, 'consent-source')?.valueCode ?? (consent.sourceAttachment ? 'written' : 'electronic'),
      sourceReference: consent.sourceAttachment?.url ?? consent.sourceAttachment?.title ?? consent.sourceReference?.reference,
      shares: sharesOf(consent),
      recordedBy: recordedBy ?? IMPORTER,
      statusHistory: history.length || madeByCasekit(consent) ? history : [{ from: null, to: consent.status, at: dateTime, by: recordedBy ?? IMPORTER }],
    });
  },
};

function sharesOf(consent: Consent): CasekitConsent['shares'] {
  const codes = findExts(consent.provision?.extension, 'consent-shares').map((e) => e.valueCode as NonNullable<CasekitConsent['shares']>[number]);
  return codes.length ? codes : undefined;
}

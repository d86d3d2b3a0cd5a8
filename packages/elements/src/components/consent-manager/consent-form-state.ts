import type { ConsentInput, ConsentScope, ConsentSource } from '@casekit/core';

/** The record form as typed (strings, so a half-typed value survives a re-render). */
export interface ConsentFormState {
  /** The client's answer: agreed (an `active` consent) or refused (`rejected`, kept on record). */
  answer: 'agreed' | 'refused';
  scope: ConsentScope;
  /** A directory organisation chosen from the search; cleared when the name is typed again. */
  granteeId: string;
  /** The chosen organisation's name, or a provider outside the directory; empty: any directory provider. */
  granteeName: string;
  purpose: string;
  source: ConsentSource;
  sourceReference: string;
  /** `YYYY-MM-DD`; empty means from now. */
  start: string;
  /** `YYYY-MM-DD`, the last day it applies; empty means no end. */
  end: string;
}

/** Form fields that core's validation paths map to. */
export type ConsentFieldKey = 'answer' | 'scope' | 'grantee' | 'purpose' | 'source' | 'sourceReference' | 'start' | 'end';

export function emptyConsentForm(): ConsentFormState {
  return { answer: 'agreed', scope: 'share-with-provider', granteeId: '', granteeName: '', purpose: '', source: 'written', sourceReference: '', start: '', end: '' };
}

/** Core's path (`period.end`, `grantee.name`) as the form field that shows its message. */
export function consentFieldKey(path: string): ConsentFieldKey | undefined {
  if (path === 'status') return 'answer';
  if (path === 'period.start') return 'start';
  if (path === 'period.end' || path === 'period') return 'end';
  if (path === 'grantee' || path.startsWith('grantee.')) return 'grantee';
  const key = path.split('.')[0];
  return (['scope', 'purpose', 'source', 'sourceReference'] as const).find((k) => k === key);
}

/** The form as core takes it; blanks are left out so core's defaults apply (and its messages name the field). */
export function toConsentInput(form: ConsentFormState, clientId: string): ConsentInput {
  const name = form.granteeName.trim();
  const grantee = form.granteeId ? { organizationId: form.granteeId, name } : name ? { name } : undefined;
  const period = { ...(form.start ? { start: form.start } : {}), ...(form.end ? { end: form.end } : {}) };
  return {
    clientId,
    status: form.answer === 'refused' ? 'rejected' : 'active',
    scope: form.scope,
    ...(grantee ? { grantee } : {}),
    purpose: form.purpose,
    source: form.source,
    ...(form.sourceReference.trim() ? { sourceReference: form.sourceReference } : {}),
    ...(form.start || form.end ? { period } : {}),
  };
}

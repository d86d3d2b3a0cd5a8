// Compile-time checks of @casekit/elements/react (React 19), type-checked with the example's own
// tsconfig and never bundled: each @ts-expect-error must meet an error, or tsc fails.
import type { CaseManager } from '@casekit/core';
import type { CkCaseloadBoard, CkEvent } from '@casekit/elements';
import { useRef } from 'react';
import '@casekit/elements/react';

export function TypesCheck({ manager }: { manager: CaseManager }) {
  const board = useRef<CkCaseloadBoard>(null);
  return (
    <ck-provider manager={manager}>
      {/* Properties (objects too), attributes and onck-* events, all typed. */}
      <ck-caseload-board
        ref={board}
        view="list"
        groupBy="priority"
        filters={{ priority: 'urgent', overdue: true }}
        heading-level="2"
        no-toolbar
        className="board"
        onck-case-open={(event) => event.detail.record.clientName.toUpperCase()}
        onck-case-move={(event) => event.detail.to === 'closed' && event.preventDefault()}
        onck-error={(event) => console.warn(event.detail.code, event.detail.message)}
      />
      <ck-intake-form questionnaire-id="social-needs" onck-intake-submitted={(event: CkEvent<'ck-intake-submitted'>) => event.detail.caseId} />
      <ck-referral-tracker case-id="c-1" readonly onck-referral-change={(event) => event.detail.status} />
      <ck-care-plan-editor case-id="c-1" view="print" assignees={[{ id: 'u-2', name: 'Sam Lee' }]} />
      <ck-caseload-summary show-tables from="2026-01-01" />

      {/* @ts-expect-error filters is an object, not a string */}
      <ck-caseload-board filters="urgent" />
      {/* @ts-expect-error 'kanban' is not a CaseloadView */}
      <ck-caseload-board view="kanban" />
      {/* @ts-expect-error heading-level is a number */}
      <ck-caseload-board heading-level="three" />
      {/* @ts-expect-error ck-case-open carries a CaseOpenDetail, not a ReferralChangeDetail */}
      <ck-caseload-board onck-case-open={(event: CkEvent<'ck-referral-change'>) => event.detail.referralId} />
      {/* @ts-expect-error manager must be a CaseManager */}
      <ck-provider manager={{ cases: [] }} />
    </ck-provider>
  );
}

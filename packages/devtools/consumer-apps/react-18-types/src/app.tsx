// React 18 passes every prop of a custom element as an attribute string and cannot listen to custom
// events, so @casekit/elements/react-18 types attributes only; objects and events go through a ref.
import { useEffect, useRef, useState } from 'react';
import type { CaseManager } from '@casekit/core';
import type { CkCaseloadBoard, CkProvider } from '@casekit/elements';
import '@casekit/elements/react-18';

export function Caseload({ manager }: { manager: CaseManager }) {
  const provider = useRef<CkProvider>(null);
  const board = useRef<CkCaseloadBoard>(null);
  const [opened, setOpened] = useState<string | null>(null);
  useEffect(() => {
    provider.current!.manager = manager; // objects: a property, through the ref
  }, [manager]);
  useEffect(() => {
    const el = board.current!;
    const onOpen = (event: HTMLElementEventMap['ck-case-open']) => setOpened(event.detail.record.clientName);
    el.addEventListener('ck-case-open', onOpen);
    return () => el.removeEventListener('ck-case-open', onOpen);
  }, []);
  return (
    <ck-provider ref={provider}>
      <ck-caseload-board ref={board} view="list" heading-level={2} no-toolbar class="board" />
      <ck-referral-tracker case-id={opened ?? undefined} readonly={opened ? true : undefined} />
      {/* @ts-expect-error React 18 would write false as "false", which the element reads as on */}
      <ck-caseload-board no-toolbar={false} />
      {/* @ts-expect-error objects cannot be attributes: set `filters` through a ref */}
      <ck-caseload-board filters={{ priority: 'urgent' }} />
      {/* @ts-expect-error React 18 cannot set the manager as a property */}
      <ck-provider manager={manager} />
      {/* @ts-expect-error 'kanban' is not a view */}
      <ck-caseload-board view="kanban" />
    </ck-provider>
  );
}

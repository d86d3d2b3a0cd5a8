import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseManager, CaseStatus, Priority } from '@casekit/core';
import type { CaseloadFilters, CkEvent, CkReferralTracker } from '@casekit/elements';

/**
 * casekit elements inside React: data goes in as properties and attributes, and `ck-*` DOM events come
 * out. React 19 does both natively for custom elements:
 * - a JSX prop whose name is a property of the element (`manager`, `filters`, `view`) is set as that
 *   property — objects included; any other prop (`case-id`, `heading-level`, `lang`) becomes an attribute;
 * - `onck-case-open={fn}` adds a listener for the `ck-case-open` event (React keeps the name after
 *   "on" as it is, so the lower-case, hyphenated event name works).
 * `import '@casekit/elements/react'` (in main.tsx) types all of it: a misspelt prop, a wrong value or a
 * handler expecting the wrong detail is a compile error.
 * The referral tracker below shows the other way, which also works in React 18: a ref, and
 * `addEventListener` in an effect (typed through the element class and the global event map).
 */
interface SelectedCase {
  caseId: string;
  clientName: string;
  program: string;
  status: CaseStatus;
}

export function App({ manager }: { manager: CaseManager }) {
  const [lang, setLang] = useState('en');
  const [priority, setPriority] = useState<Priority | ''>('');
  // An object property: keep its identity stable (useMemo), or the board re-queries on every render.
  const filters = useMemo<CaseloadFilters>(() => (priority ? { priority } : {}), [priority]);
  const [selected, setSelected] = useState<SelectedCase | null>(null);
  const [activity, setActivity] = useState<string[]>([]);
  const trackerRef = useRef<CkReferralTracker>(null);

  // ck-case-open: { caseId, clientId, record }. The host decides what "open" means; here, a side panel.
  const openCase = useCallback((event: CkEvent<'ck-case-open'>) => {
    const { caseId, record } = event.detail;
    setSelected({ caseId, clientName: record.clientName, program: record.program, status: record.status });
  }, []);

  // ck-referral-change through a ref: the element exists once a case is selected.
  useEffect(() => {
    const tracker = trackerRef.current;
    if (!tracker) return undefined;
    const onReferralChange = (event: CkEvent<'ck-referral-change'>) => {
      const { record, from, status, change } = event.detail;
      const what = record ? record.service.serviceName : event.detail.referralId;
      setActivity((items) => [`${what}: ${from ?? 'new'} → ${status} (${change})`, ...items].slice(0, 5));
    };
    tracker.addEventListener('ck-referral-change', onReferralChange);
    return () => tracker.removeEventListener('ck-referral-change', onReferralChange);
  }, [selected?.caseId]);

  return (
    <>
      <header className="app-header">
        <h1>Caseload</h1>
        <p className="signed-in">Signed in as {manager.actor.name}</p>
        <label>
          Language{' '}
          <select value={lang} onChange={(event) => setLang(event.target.value)}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <label>
          Show{' '}
          <select value={priority} onChange={(event) => setPriority(event.target.value as Priority | '')}>
            <option value="">every priority</option>
            <option value="urgent">urgent cases only</option>
            <option value="high">high-priority cases only</option>
          </select>
        </label>
      </header>

      {/* `manager` is an object: React 19 sets it as the provider's property. `lang` is an attribute. */}
      <ck-provider manager={manager} lang={lang}>
        <main className="layout">
          <section aria-labelledby="board-heading">
            <h2 id="board-heading" className="visually-hidden">
              Cases
            </h2>
            <ck-caseload-board filters={filters} heading-level="3" onck-case-open={openCase}></ck-caseload-board>
          </section>

          <section className="case-panel" aria-labelledby="case-heading" aria-live="polite">
            {selected ? (
              <>
                <h2 id="case-heading" data-testid="selected-case">
                  {selected.clientName}
                </h2>
                <p>
                  {selected.program} · {selected.status}
                </p>
                <ck-referral-tracker ref={trackerRef} case-id={selected.caseId} heading-level={3}></ck-referral-tracker>
                <h3>Referral activity</h3>
                <ul data-testid="activity">
                  {activity.length ? activity.map((line, index) => <li key={`${index}:${line}`}>{line}</li>) : <li>Nothing yet.</li>}
                </ul>
              </>
            ) : (
              <h2 id="case-heading" data-testid="selected-case">
                No case selected — open one on the board.
              </h2>
            )}
          </section>
        </main>
      </ck-provider>
    </>
  );
}

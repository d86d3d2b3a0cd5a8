import { createContext, ContextRoot } from '@lit/context';
import type { CaseManager } from '@casekit/core';

/**
 * The context `<ck-provider>` provides and every casekit element consumes. The key is a global
 * symbol, so two copies of this package on one page still find each other's providers.
 */
export const managerContext = createContext<CaseManager | undefined>(Symbol.for('casekit.manager'));

let rootAttached = false;
/**
 * Lets a provider that upgrades after its consumers (e.g. `ck-provider` defined last) still answer
 * them: @lit/context's ContextRoot replays pending requests. Attached once, on first use.
 */
export function ensureContextRoot(): void {
  if (rootAttached || typeof document === 'undefined') return;
  rootAttached = true;
  new ContextRoot().attach(document.documentElement);
}

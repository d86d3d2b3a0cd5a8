import type { InterventionStatus } from '@casekit/core';

/** Task and intervention statuses that still need doing: overdue badges in the editor, next steps in the print copy. */
export const OPEN_INTERVENTION_STATUSES: readonly InterventionStatus[] = ['not-started', 'scheduled', 'in-progress', 'on-hold'];

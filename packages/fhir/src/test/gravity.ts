/**
 * The rules of the Gravity SDOH Clinical Care IG (hl7.fhir.us.sdoh-clinicalcare, profiles
 * SDOHCC-ServiceRequest and SDOHCC-TaskForReferralManagement) that casekit's referrals must follow,
 * checked by hand: the IG is published as FSH sources (HL7/fhir-sdoh-clinicalcare), and its JSON
 * StructureDefinitions are not on the npm registry, so validateResource cannot be given the profiles.
 */
import type { Resource, ServiceRequest, Task } from '@medplum/fhirtypes';

const GRAVITY_TASK_STATUSES = ['draft', 'requested', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'];
const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';

/** Problems with a referral's ServiceRequest + Task pair under the Gravity rules; empty when they follow them. */
export function gravityReferralProblems(request: ServiceRequest, task: Task, all: readonly Resource[] = [request, task]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => void (ok || problems.push(message));
  check(task.focus?.reference === `ServiceRequest/${request.id}`, 'Task.focus must reference the ServiceRequest');
  check(all.some((r) => `${r.resourceType}/${r.id}` === task.focus?.reference), 'Task.focus must resolve');
  check(task.intent === 'order', 'Task.intent must be order');
  check(task.code?.coding?.some((c) => c.system === 'http://hl7.org/fhir/CodeSystem/task-code' && c.code === 'fulfill') === true, 'Task.code must be task-code#fulfill');
  check(GRAVITY_TASK_STATUSES.includes(task.status), `Task.status ${task.status} is not in the SDOHCC referral task status value set`);
  check(task.for !== undefined, 'Task.for is required');
  check(task.authoredOn !== undefined, 'Task.authoredOn is required');
  check(task.requester !== undefined, 'Task.requester is required');
  check(task.requester?.type === 'PractitionerRole' || task.requester?.type === 'Organization' || /^(PractitionerRole|Organization)\//.test(task.requester?.reference ?? ''), 'Task.requester must be a PractitionerRole or Organization');
  check(task.statusReason === undefined || !!task.statusReason.text, 'Task.statusReason.text is required when statusReason is present');
  check(task.owner === undefined || task.owner.type === 'Organization' || task.owner.reference?.startsWith('Organization/') === true, 'Task.owner should be the receiving Organization');
  check(request.intent === 'order', 'ServiceRequest.intent must be order');
  check(request.category?.some((c) => c.coding?.some((x) => x.system === SDOHCC)) === true, 'ServiceRequest.category must carry an SDOHCC category');
  check(request.status !== 'active' || request.authoredOn !== undefined, 'An active ServiceRequest has authoredOn');
  check(request.requester === undefined || request.requester.type === 'PractitionerRole' || request.requester.type === 'Organization', 'ServiceRequest.requester must be a PractitionerRole or Organization');
  return problems;
}

// A stand-in for the EHR's own session: who is signed in, with the EHR's role names. A real host reads
// this from its login (an OIDC token, a SMART on FHIR launch context, a server-rendered object...).
export const ehrSession = {
  user: { userId: 'u-4471', displayName: 'Dana Whitfield, RN', ehrRole: 'CARE_COORDINATOR', facility: 'Riverside Clinic' },
  locale: 'en-US',
};

/** The EHR's roles mapped to the roles casekit's default policy understands. */
const ROLE_MAP = { CARE_COORDINATOR: 'case-manager', CARE_MGMT_SUPERVISOR: 'supervisor', CLINICIAN_READONLY: 'viewer' };

/** The casekit actor for the signed-in EHR user: every write and audit event is attributed to it. */
export function actorFromSession(session) {
  const { userId, displayName, ehrRole } = session.user;
  return { id: userId, name: displayName, role: ROLE_MAP[ehrRole] ?? 'viewer' };
}

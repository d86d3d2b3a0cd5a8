// A small synthetic caseload for the EHR examples, made through the public API (validated and audited).
const PATIENTS = [
  { given: 'Rosa', family: 'Hernández', birthDate: '1984-03-12', language: 'es', program: 'healthcare', priority: 'high', status: 'active', due: -2 },
  { given: 'Walter', family: 'Brooks', birthDate: '1951-09-30', language: 'en', program: 'healthcare', priority: 'urgent', status: 'intake', due: 1 },
  { given: 'Mei', family: 'Tanaka', birthDate: '1990-06-02', language: 'ja', program: 'behavioral-health', priority: 'medium', status: 'active', due: 6 },
  { given: 'Samuel', family: 'Adeyemi', birthDate: '1977-12-19', language: 'en', program: 'social-work', priority: 'low', status: 'waitlist', due: 14 },
  { given: 'Fatima', family: 'Al-Sayed', birthDate: '1968-01-25', language: 'ar', program: 'insurance', priority: 'medium', status: 'referred', due: 3 },
];

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Creates the caseload; returns the first case (Rosa's), which has a care plan and a referral. */
export async function seedCaseload(manager) {
  let first;
  for (const p of PATIENTS) {
    const { client } = await manager.clients.create({ name: { given: [p.given], family: p.family }, birthDate: p.birthDate, language: p.language });
    const record = await manager.cases.create({ clientId: client.id, program: p.program, priority: p.priority, status: p.status, nextContactDue: day(p.due) });
    first ??= { caseRecord: record, client };
  }
  const { caseRecord, client } = first;
  await manager.plans.create(caseRecord.id, {
    title: 'Stable housing and food after discharge',
    goals: [
      { needDomain: 'food', description: 'Groceries every week without skipping meals', interventions: [{ description: 'Enroll at Eastside Food Bank', dueDate: day(7) }] },
      { needDomain: 'housing', description: 'Keep the apartment: rent paid through March' },
    ],
  });
  await manager.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { name: 'Eastside Food Bank' }, purpose: 'Arrange weekly groceries', source: 'written' });
  await manager.referrals.create({
    caseId: caseRecord.id,
    reason: 'Food insecurity after hospital discharge',
    service: { organizationName: 'Eastside Food Bank', serviceName: 'Weekly grocery pick-up', category: 'food' },
    send: true,
  });
  return caseRecord;
}

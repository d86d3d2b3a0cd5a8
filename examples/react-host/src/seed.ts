import type { CaseManager, CaseInput } from '@casekit/core';

// A few clients and cases for the example, made through the public API (so every record is validated
// and audited like any other write). Runs once per database.
export async function seedIfEmpty(manager: CaseManager): Promise<void> {
  const existing = await manager.cases.query({ limit: 1 });
  if (existing.items.length) return;

  const people: { given: string; family: string; language: string; program: string; priority: CaseInput['priority']; status: CaseInput['status'] }[] = [
    { given: 'Rosa', family: 'Hernández', language: 'es', program: 'social-work', priority: 'high', status: 'active' },
    { given: 'James', family: 'Okafor', language: 'en', program: 'healthcare', priority: 'medium', status: 'intake' },
    { given: 'Lin', family: 'Chen', language: 'zh', program: 'behavioral-health', priority: 'urgent', status: 'referred' },
    { given: 'Amina', family: 'Yusuf', language: 'so', program: 'insurance', priority: 'low', status: 'waitlist' },
  ];
  for (const person of people) {
    const { client } = await manager.clients.create({
      name: { given: [person.given], family: person.family },
      language: person.language,
    });
    const record = await manager.cases.create({ clientId: client.id, program: person.program, priority: person.priority, status: person.status });
    if (person.given !== 'Rosa') continue;

    // Rosa agreed to share her information with a food bank; a referral waits as a draft, ready to send.
    await manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      grantee: { name: 'Eastside Food Bank' },
      purpose: 'Arrange weekly groceries',
      source: 'verbal',
    });
    await manager.referrals.create({
      caseId: record.id,
      reason: 'Food insecurity after job loss',
      service: { organizationName: 'Eastside Food Bank', serviceName: 'Weekly grocery pick-up', category: 'food' },
    });
  }
}

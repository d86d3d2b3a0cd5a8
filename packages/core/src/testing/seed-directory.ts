import type { CaseManager } from '../case-manager.js';
import type { NeedDomain } from '../records/common.js';
import type { Service } from '../directory/directory-schema.js';

/** Fictional community providers for demos and tests (names and numbers are made up; 555 numbers). */
const PROVIDERS: { name: string; phone: string; services: { name: string; categories: NeedDomain[]; languages: string[]; interpretation?: boolean; minAge?: number }[] }[] = [
  { name: 'Eastside Community Food Bank', phone: '+1 555 0110', services: [{ name: 'Weekly grocery pantry', categories: ['food'], languages: ['en', 'es'] }, { name: 'SNAP application help', categories: ['food', 'finances'], languages: ['en', 'es', 'vi'] }] },
  { name: 'Harbor Housing Partners', phone: '+1 555 0120', services: [{ name: 'Rapid rehousing', categories: ['housing'], languages: ['en'], interpretation: true }, { name: 'Eviction prevention fund', categories: ['housing', 'finances'], languages: ['en', 'es'] }] },
  { name: 'Safe Haven Family Shelter', phone: '+1 555 0130', services: [{ name: 'Emergency family shelter', categories: ['housing', 'safety'], languages: ['en', 'es', 'ar'] }] },
  { name: 'RideWell Medical Transport', phone: '+1 555 0140', services: [{ name: 'Rides to medical appointments', categories: ['transportation'], languages: ['en'], interpretation: true }] },
  { name: 'Bright Power Utility Assistance', phone: '+1 555 0150', services: [{ name: 'Energy bill assistance (LIHEAP)', categories: ['utilities'], languages: ['en', 'es', 'zh'] }] },
  { name: 'Northside Counseling Center', phone: '+1 555 0160', services: [{ name: 'Individual therapy', categories: ['mental-health'], languages: ['en', 'es'] }, { name: 'Recovery support group', categories: ['substance-use', 'mental-health'], languages: ['en'], minAge: 18 }] },
  { name: 'Legal Aid of the Valley', phone: '+1 555 0170', services: [{ name: 'Tenant rights clinic', categories: ['legal', 'housing'], languages: ['en', 'es', 'so'] }, { name: 'Immigration legal help', categories: ['legal'], languages: ['en', 'es', 'ar', 'vi'] }] },
  { name: 'WorkForward Job Center', phone: '+1 555 0180', services: [{ name: 'Job readiness coaching', categories: ['employment', 'education'], languages: ['en', 'ru'], interpretation: true }] },
  { name: 'Unity Health Clinic', phone: '+1 555 0190', services: [{ name: 'Primary care for uninsured adults', categories: ['health'], languages: ['en', 'es', 'vi', 'zh'] }, { name: 'Diabetes self-management class', categories: ['health', 'education'], languages: ['en', 'es'] }] },
  { name: 'Neighbors Together Senior Center', phone: '+1 555 0195', services: [{ name: 'Friendly visitor program', categories: ['social-support'], languages: ['en', 'ru', 'zh'], minAge: 60 }] },
  { name: 'Women’s Safety Network', phone: '+1 555 0199', services: [{ name: 'Domestic violence advocacy', categories: ['safety', 'legal'], languages: ['en', 'es', 'ar', 'so'], interpretation: true }] },
];

/** Creates the fictional directory through the API (the manager's actor must be allowed to edit it). */
export async function seedDirectory(manager: CaseManager): Promise<Service[]> {
  const services: Service[] = [];
  for (const provider of PROVIDERS) {
    const organization = await manager.directory.createOrganization({ name: provider.name, contact: { phone: provider.phone } });
    for (const service of provider.services) {
      services.push(
        await manager.directory.createService({
          organizationId: organization.id,
          name: service.name,
          categories: service.categories,
          languages: service.languages,
          interpretationAvailable: service.interpretation ?? false,
          eligibility: { serviceAreas: [], ...(service.minAge ? { minAge: service.minAge } : {}) },
          contact: { phone: provider.phone },
        }),
      );
    }
  }
  return services;
}

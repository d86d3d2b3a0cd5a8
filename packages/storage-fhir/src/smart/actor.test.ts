import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorFor, displayName, userReference } from './actor.js';
import { SmartLaunchError } from './errors.js';
import type { FhirResource } from '../client/fhir-types.js';

const BASE = 'https://ehr.example.org/fhir/R4';

describe('actor from fhirUser', () => {
  it('shortens fhirUser to a relative reference (Epic sends absolute URLs)', () => {
    assert.equal(userReference(`${BASE}/Practitioner/abc`, `${BASE}/`), 'Practitioner/abc');
    assert.equal(userReference('https://other.example/fhir/PractitionerRole/9', BASE), 'PractitionerRole/9');
    assert.equal(userReference('Practitioner/abc', BASE), 'Practitioner/abc');
    assert.throws(() => userReference('Organization/1', BASE), SmartLaunchError);
    assert.throws(() => userReference('Practitioner', BASE), SmartLaunchError);
  });

  it('writes names as people do: text, else prefix given family, suffix; usual before official; old skipped', () => {
    assert.equal(displayName({ resourceType: 'Practitioner', name: [{ text: 'Dr. Ana Ruiz' }] } as FhirResource), 'Dr. Ana Ruiz');
    assert.equal(displayName({ resourceType: 'Practitioner', name: [{ prefix: ['Dr.'], given: ['Ana', 'M.'], family: 'Ruiz', suffix: ['MD', 'PhD'] }] } as FhirResource), 'Dr. Ana M. Ruiz, MD, PhD');
    const names = [{ use: 'old', family: 'Smith' }, { use: 'official', given: ['Ana'], family: 'Ruiz' }, { use: 'usual', given: ['Annie'], family: 'Ruiz' }];
    assert.equal(displayName({ resourceType: 'Practitioner', name: names } as FhirResource), 'Annie Ruiz');
    assert.equal(displayName({ resourceType: 'PractitionerRole', practitioner: { display: 'Ana Ruiz' } } as FhirResource), 'Ana Ruiz');
    assert.equal(displayName({ resourceType: 'Practitioner' }), undefined);
  });

  it('takes the role (and organisation) from roleFor', async () => {
    const actor = await actorFor({ fhirUser: 'Practitioner/p1', tokenResponse: { scope: 'user/*.rs' }, claims: { name: 'Ana' }, roleFor: () => ({ role: 'provider', organizationId: 'org-1' }) });
    assert.deepEqual(actor, { id: 'Practitioner/p1', name: 'Ana', role: 'provider', organizationId: 'org-1' });
  });

  it('reads a PractitionerRole, then its Practitioner, for the name', async () => {
    const resources: Record<string, FhirResource> = {
      'PractitionerRole/r1': { resourceType: 'PractitionerRole', practitioner: { reference: 'Practitioner/p1' } } as FhirResource,
      'Practitioner/p1': { resourceType: 'Practitioner', name: [{ given: ['Ana'], family: 'Ruiz' }] } as FhirResource,
    };
    const actor = await actorFor({ fhirUser: 'PractitionerRole/r1', tokenResponse: {}, claims: {}, roleFor: () => 'supervisor', readUser: async (ref) => resources[ref] });
    assert.deepEqual(actor, { id: 'PractitionerRole/r1', name: 'Ana Ruiz', role: 'supervisor' });
  });

  it('falls back to the id token name, then the reference, when the read is refused', async () => {
    const refused = async (): Promise<FhirResource | undefined> => {
      throw new Error('403');
    };
    assert.equal((await actorFor({ fhirUser: 'Practitioner/p1', tokenResponse: {}, claims: { name: ' Ana R. ' }, roleFor: () => 'viewer', readUser: refused })).name, 'Ana R.');
    assert.equal((await actorFor({ fhirUser: 'Practitioner/p1', tokenResponse: {}, claims: {}, roleFor: () => 'viewer', readUser: refused })).name, 'Practitioner/p1');
  });

  it('no role: no-role', async () => {
    await assert.rejects(actorFor({ fhirUser: 'Patient/1', tokenResponse: {}, claims: {}, roleFor: () => undefined }), (error: unknown) => error instanceof SmartLaunchError && error.code === 'no-role');
  });
});

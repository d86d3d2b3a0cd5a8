import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SCOPES, allowsWrite, isKnownScope, parseScopes, requestScope } from './scopes.js';

describe('SMART scopes', () => {
  it('the default asks for patient context, fhirUser, v2 cruds on patient and user, and a refresh token', () => {
    assert.equal(requestScope(DEFAULT_SCOPES, { ehrLaunch: false }), 'launch/patient openid fhirUser patient/*.cruds user/*.cruds offline_access');
  });

  it('adds launch for an EHR launch and drops it from a standalone one', () => {
    assert.equal(requestScope(['openid', 'fhirUser', 'user/Patient.rs'], { ehrLaunch: true }), 'launch openid fhirUser user/Patient.rs');
    assert.equal(requestScope(['launch', 'launch/patient', 'patient/*.rs'], { ehrLaunch: false }), 'launch/patient patient/*.rs');
  });

  it('refuses what is not a SMART scope (a typo would silently grant less)', () => {
    assert.throws(() => requestScope(['patient/*.curds'], { ehrLaunch: false }), /patient\/\*\.curds/);
    assert.throws(() => requestScope(['user/*.'], { ehrLaunch: false }), TypeError);
    assert.throws(() => requestScope(['Patient.read'], { ehrLaunch: false }), TypeError);
  });

  it('knows v2 permissions in order, v1 read/write, and search-restricted scopes', () => {
    for (const scope of ['patient/Observation.rs', 'user/*.cruds', 'system/Patient.r', 'patient/*.read', 'user/*.*', 'patient/Observation.rs?category=laboratory', 'launch/encounter', 'online_access']) {
      assert.ok(isKnownScope(scope), scope);
    }
    for (const scope of ['patient/*.sr', 'patient/*.x', 'group/*.r', 'openid profile']) assert.ok(!isKnownScope(scope), scope);
  });

  it('parses a token response scope and tells whether writes were granted', () => {
    const granted = parseScopes(' launch  openid patient/*.rs user/Task.cu user/Task.cu ');
    assert.deepEqual(granted, ['launch', 'openid', 'patient/*.rs', 'user/Task.cu']);
    assert.ok(allowsWrite(granted, 'Task'));
    assert.ok(!allowsWrite(granted, 'CarePlan'));
    assert.ok(allowsWrite(['patient/*.write'], 'CarePlan'));
  });
});

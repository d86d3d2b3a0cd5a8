import { expect } from '@open-wc/testing';
import { StorageError } from '@casekit/core';
import { describeError } from './error-messages.js';
import { en } from './en.js';
import { es } from './es.js';

describe('describeError: server-backed storages', () => {
  it('tells an expired sign-in from an unreachable server, in each language, keeping the code', () => {
    const signedOut = new StorageError('unauthenticated', 'The FHIR server refused the access token (401), also after a refresh');
    const unreachable = new StorageError('unavailable', 'fetch failed');
    expect(describeError(signedOut, en)).to.include({ code: 'unauthenticated', message: en.errors.unauthenticated });
    expect(describeError(unreachable, en)).to.include({ code: 'unavailable', message: en.errors.unavailable });
    expect(describeError(signedOut, es).message).to.match(/sesión caducó/);
    expect(en.errors.unauthenticated).not.to.equal(en.errors.storage);
  });
});

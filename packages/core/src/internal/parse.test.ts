import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { globalConfig } from 'zod/v4/core';
import { ClientInputSchema } from '../client/client-schema.js';
import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { parse, safeParse } from './parse.js';

// zod keeps one configuration per page (on globalThis), shared with the host's own zod: each test puts it back.
const saved = { ...globalConfig };
afterEach(() => {
  for (const key of Object.keys(globalConfig) as (keyof typeof globalConfig)[]) delete globalConfig[key];
  Object.assign(globalConfig, saved);
});

function issuesOf(input: unknown): ValidationIssue[] {
  try {
    parse(ClientInputSchema, input, ['input']);
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('the input was accepted');
}

describe('validation messages', () => {
  it('are English with no zod locale loaded (a host that ships only zod/mini)', () => {
    delete globalConfig.localeError;
    delete globalConfig.customError;
    assert.deepEqual(issuesOf({ name: { given: ['Ana'] }, birthDate: '1987-02-30', language: 7 }), [
      { path: ['input', 'name', 'family'], message: 'Invalid input: expected string, received undefined', code: 'invalid_type' },
      { path: ['input', 'birthDate'], message: 'Invalid ISO date', code: 'invalid_format' },
      { path: ['input', 'language'], message: 'Invalid input: expected string, received number', code: 'invalid_type' },
    ]);
    assert.equal(globalConfig.localeError, undefined, 'core set no locale of its own on the shared configuration');
  });

  it('keep the messages casekit wrote for a field', () => {
    delete globalConfig.localeError;
    assert.deepEqual(issuesOf({ name: { given: [], family: 'Reyes' }, language: 'spanish!' }), [
      { path: ['input', 'name', 'given'], message: 'Enter at least one given name', code: 'too_small' },
      { path: ['input', 'language'], message: 'Use a language tag such as "es" or "zh-Hant"', code: 'invalid_format' },
    ]);
  });

  it("follow the host's own zod configuration when it has one", () => {
    globalConfig.customError = (issue) => (issue.code === 'invalid_type' ? 'Bitte ausfüllen' : undefined);
    const [family, birthDate] = issuesOf({ name: { given: ['Ana'] }, birthDate: 'soon' });
    assert.equal(family?.message, 'Bitte ausfüllen');
    assert.equal(birthDate?.message, 'Invalid ISO date', 'what the host map leaves out falls back to English');
  });

  it('safeParse reports the same issues without throwing', () => {
    delete globalConfig.localeError;
    const result = safeParse(ClientInputSchema, { name: { given: ['Ana'], family: '' } });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((i) => [i.path, i.message]), [[['name', 'family'], 'Too small: expected string to have >=1 characters']]);
  });
});

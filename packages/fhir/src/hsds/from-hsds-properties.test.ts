import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { OrganizationInputSchema, ServiceInputSchema, ValidationError } from '@casekit/core';
import { fromHsds } from './from-hsds.js';

/*
 * Whatever an HSDS publisher writes in the fields casekit reads (wrong types, over-long text, bad
 * emails, odd ages, unknown languages and statuses), fromHsds returns records core accepts as they are,
 * or throws the one typed error for input that is not HSDS.
 */

const anyValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 990, max: 5010 }).map((n) => 'long text '.repeat(n / 10)),
  fc.integer({ min: -5, max: 300 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('active', 'defunct', 'temporarily closed', 'x@example.org', 'not an email', 'https://example.org', 'es', 'Spanish', 'zz-qq', 'BD-1800', '09:00:00', 'MO,TU'),
);

const fieldsOf = (keys: string[]) => fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] });

const phone = fieldsOf(['id', 'number', 'extension', 'type']);
const language = fieldsOf(['id', 'code', 'name']);
const address = fieldsOf(['id', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type']);
const location = fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), addresses: fc.array(address, { maxLength: 2 }), phones: fc.array(phone, { maxLength: 2 }) });
const term = fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), code: anyValue, name: anyValue, taxonomy: anyValue });
const service = fc.record({
  id: fc.string({ minLength: 1, maxLength: 12 }),
  name: anyValue,
  status: anyValue,
  description: anyValue,
  email: anyValue,
  url: anyValue,
  interpretation_services: anyValue,
  minimum_age: anyValue,
  maximum_age: anyValue,
  fees_description: anyValue,
  phones: fc.array(phone, { maxLength: 3 }),
  languages: fc.array(language, { maxLength: 60 }),
  service_areas: fc.array(fieldsOf(['id', 'name']), { maxLength: 3 }),
  schedules: fc.array(fieldsOf(['id', 'description', 'byday', 'opens_at', 'closes_at', 'freq']), { maxLength: 2 }),
  service_at_locations: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), location }), { maxLength: 2 }),
  attributes: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), taxonomy_term: term }), { maxLength: 3 }),
  organization: fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), name: anyValue, website: anyValue, email: anyValue, tax_id: anyValue, phones: fc.array(phone, { maxLength: 2 }) }),
});

describe('fromHsds over generated HSDS 3 services', () => {
  it('never throws on HSDS-shaped input, and every record it returns is accepted by core’s schemas', () => {
    fc.assert(
      fc.property(fc.array(service, { minLength: 1, maxLength: 4 }), (services) => {
        let result;
        try {
          result = fromHsds(services);
        } catch (error) {
          // Only input that is not HSDS may be refused, and only with the typed error.
          assert.ok(error instanceof ValidationError, String(error));
          return;
        }
        for (const organization of result.organizations) assert.equal(OrganizationInputSchema.safeParse(organization).success, true, JSON.stringify(organization));
        for (const { organizationSourceId: _o, ...record } of result.services) {
          const parsed = ServiceInputSchema.safeParse({ ...record, organizationId: 'org-1' });
          assert.equal(parsed.success, true, JSON.stringify(parsed.error?.issues));
        }
        for (const entry of result.report.entries) assert.ok(entry.path && entry.reason, JSON.stringify(entry));
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });
});

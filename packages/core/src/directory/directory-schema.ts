import * as z from 'zod/mini';
import { AddressSchema, ContactPointsSchema, Id, LanguageTag, NeedDomainSchema, Text } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';
import { IdentifierSchema } from '../client/client-schema.js';
import { patchSchemaOf } from '../internal/patch-schema.js';

/*
 * The service directory, shaped after Open Referral HSDS (3.x) so that an HSDS import can follow, and
 * mapping onto FHIR R4 Organization / HealthcareService / Location. Each field names the HSDS field it
 * corresponds to. HSDS `location` and `service_at_location` are folded into an optional address on the
 * organisation and on the service (where the service is delivered); a later import that needs several
 * locations per service can add a `locations` array without breaking these records.
 */

/** A short free-text field (descriptions, hours, eligibility notes). */
const Description = z.string().check(z.trim(), z.maxLength(4000));

/** Editable fields of a provider organisation (HSDS `organization`, FHIR Organization). */
export const OrganizationInputSchema = z.object({
  /** HSDS `organization.name`; FHIR `Organization.name`. */
  name: Text,
  /** HSDS `organization.alternate_name`; FHIR `Organization.alias`. */
  alternateName: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  /** HSDS `organization.description`. */
  description: z.optional(Description),
  /**
   * HSDS `organization.email`, `organization.website` and the first `phone.number` linked to the
   * organisation; FHIR `Organization.telecom`.
   */
  contact: z._default(ContactPointsSchema, {}),
  /** HSDS `address` (physical) of the organisation's main `location`; FHIR `Organization.address`. */
  address: z.optional(AddressSchema),
  /**
   * HSDS `organization_identifier` (identifier_scheme -> system, identifier -> value, identifier_type ->
   * type) and `organization.tax_id`; FHIR `Organization.identifier`.
   */
  identifiers: z._default(z.array(IdentifierSchema).check(z.maxLength(20)), []),
  /** The id this organisation has in the directory it was imported from (HSDS `organization.id`). */
  sourceId: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});
export type OrganizationInput = z.input<typeof OrganizationInputSchema>;

export const OrganizationSchema = z.extend(RecordMetaSchema, OrganizationInputSchema.shape);
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationPatchSchema = patchSchemaOf(OrganizationInputSchema);
export type OrganizationPatch = z.input<typeof OrganizationPatchSchema>;

/** HSDS `service.status` (`active` | `inactive` | `defunct` | `temporarily closed`): the last two import as `inactive`. */
export const SERVICE_STATUSES = ['active', 'inactive'] as const;
export const ServiceStatusSchema = z.enum(SERVICE_STATUSES);
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/** Who a service is for (HSDS `eligibility` and `service_area`; FHIR `HealthcareService.eligibility` / `coverageArea`). */
export const EligibilitySchema = z
  .object({
    /** HSDS `service.minimum_age` (years, inclusive). */
    minAge: z.optional(z.number().check(z.int(), z.gte(0), z.lte(150))),
    /** HSDS `service.maximum_age` (years, inclusive). */
    maxAge: z.optional(z.number().check(z.int(), z.gte(0), z.lte(150))),
    /**
     * HSDS `service_area.name` / `service_area.extent`: postal codes or city names the service covers.
     * Empty means no restriction by area.
     */
    serviceAreas: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))).check(z.maxLength(200)), []),
    /** HSDS `service.eligibility_description`: anything else (income limits, referral needed, ...). */
    description: z.optional(Description),
  })
  .check(
    z.refine((e) => e.minAge === undefined || e.maxAge === undefined || e.minAge <= e.maxAge, {
      message: 'The minimum age is above the maximum age',
      path: ['maxAge'],
    }),
  );
export type Eligibility = z.infer<typeof EligibilitySchema>;

/** A code from a taxonomy the directory uses (HSDS `taxonomy_term` via `attribute`, e.g. Open Eligibility or 211 LA/AIRS). */
export const TaxonomyTermSchema = z.object({
  /** HSDS `taxonomy.uri` or name. */
  system: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  /** HSDS `taxonomy_term.code`. */
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  /** HSDS `taxonomy_term.name`. */
  display: z.optional(z.string().check(z.trim(), z.maxLength(300))),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTermSchema>;

/** Editable fields of a service (HSDS `service`, FHIR HealthcareService). */
export const ServiceInputSchema = z.object({
  /** HSDS `service.organization_id`; FHIR `HealthcareService.providedBy`. */
  organizationId: Id,
  /** HSDS `service.name`; FHIR `HealthcareService.name`. */
  name: Text,
  /** HSDS `service.alternate_name`. */
  alternateName: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  /** HSDS `service.description`; FHIR `HealthcareService.comment`/`extraDetails`. */
  description: z.optional(Description),
  /**
   * The need domains this service addresses: casekit's own taxonomy, used by search and referrals. An
   * HSDS import derives them from `taxonomy_term`s (FHIR `HealthcareService.category`).
   */
  categories: z.array(NeedDomainSchema).check(z.minLength(1, 'Choose at least one need this service addresses'), z.maxLength(13)),
  /** The source taxonomy codes, kept as they were (HSDS `taxonomy_term`; FHIR `HealthcareService.type`). */
  taxonomyTerms: z._default(z.array(TaxonomyTermSchema).check(z.maxLength(50)), []),
  /** Languages staff speak (HSDS `language.code`; FHIR `HealthcareService.communication`). */
  languages: z._default(z.array(LanguageTag).check(z.maxLength(50)), []),
  /** Interpretation is offered for other languages (HSDS `service.interpretation_services`, free text there). */
  interpretationAvailable: z._default(z.boolean(), false),
  eligibility: z._default(EligibilitySchema, { serviceAreas: [] }),
  /** HSDS `service.email`, `service.url`, `phone.number`; FHIR `HealthcareService.telecom`. */
  contact: z._default(ContactPointsSchema, {}),
  /** Where the service is delivered (HSDS `service_at_location` -> `location` -> `address`; FHIR `HealthcareService.location`). */
  address: z.optional(AddressSchema),
  /** Opening hours as written (HSDS `schedule.description`; FHIR `HealthcareService.availabilityExceptions`). */
  hours: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  /** How to apply or be referred (HSDS `service.application_process`). */
  applicationProcess: z.optional(Description),
  /** HSDS `service.fees_description`. */
  fees: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  /** HSDS `service.status`; FHIR `HealthcareService.active`. */
  status: z._default(ServiceStatusSchema, 'active'),
  /** The id this service has in the directory it was imported from (HSDS `service.id`). */
  sourceId: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});
export type ServiceInput = z.input<typeof ServiceInputSchema>;

export const ServicePatchSchema = patchSchemaOf(ServiceInputSchema);
export type ServicePatch = z.input<typeof ServicePatchSchema>;

export const ServiceSchema = z.extend(z.extend(RecordMetaSchema, ServiceInputSchema.shape), {
  /** Snapshot of the organisation's name, kept in step by core (FHIR `providedBy.display`); searchable. */
  organizationName: z.string().check(z.maxLength(500)),
});
export type Service = z.infer<typeof ServiceSchema>;

/** A directory search. Every filter is optional; `language` ranks rather than filters. */
export const ServiceSearchSchema = z.strictObject({
  /** Only services addressing this need domain. */
  need: z.optional(NeedDomainSchema),
  /** The client's language: services whose staff speak it come first, then those offering interpretation. */
  language: z.optional(LanguageTag),
  /** Words that must each start a word of the service's name, organisation name or description (accents and case ignored). */
  text: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** Only services whose age range includes this age. */
  clientAge: z.optional(z.number().check(z.int(), z.gte(0), z.lte(150))),
  /** A postal code or city: only services covering it (or with no area restriction). */
  area: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  includeInactive: z._default(z.boolean(), false),
  limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(500)), 20),
});
export type ServiceSearch = z.input<typeof ServiceSearchSchema>;

/** How a service matches the client's language. */
export type LanguageMatch = 'spoken' | 'interpretation' | 'none';

export interface ServiceSearchResult {
  service: Service;
  /** Present when the search named a language. */
  languageMatch?: LanguageMatch;
}

import * as z from 'zod';
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
const Description = z.string().trim().max(4000);

/** Editable fields of a provider organisation (HSDS `organization`, FHIR Organization). */
export const OrganizationInputSchema = z.object({
  /** HSDS `organization.name`; FHIR `Organization.name`. */
  name: Text,
  /** HSDS `organization.alternate_name`; FHIR `Organization.alias`. */
  alternateName: z.string().trim().max(500).optional(),
  /** HSDS `organization.description`. */
  description: Description.optional(),
  /**
   * HSDS `organization.email`, `organization.website` and the first `phone.number` linked to the
   * organisation; FHIR `Organization.telecom`.
   */
  contact: ContactPointsSchema.default({}),
  /** HSDS `address` (physical) of the organisation's main `location`; FHIR `Organization.address`. */
  address: AddressSchema.optional(),
  /**
   * HSDS `organization_identifier` (identifier_scheme -> system, identifier -> value, identifier_type ->
   * type) and `organization.tax_id`; FHIR `Organization.identifier`.
   */
  identifiers: z.array(IdentifierSchema).max(20).default([]),
  /** The id this organisation has in the directory it was imported from (HSDS `organization.id`). */
  sourceId: z.string().trim().max(200).optional(),
});
export type OrganizationInput = z.input<typeof OrganizationInputSchema>;

export const OrganizationSchema = RecordMetaSchema.extend(OrganizationInputSchema.shape);
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
    minAge: z.number().int().min(0).max(150).optional(),
    /** HSDS `service.maximum_age` (years, inclusive). */
    maxAge: z.number().int().min(0).max(150).optional(),
    /**
     * HSDS `service_area.name` / `service_area.extent`: postal codes or city names the service covers.
     * Empty means no restriction by area.
     */
    serviceAreas: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    /** HSDS `service.eligibility_description`: anything else (income limits, referral needed, ...). */
    description: Description.optional(),
  })
  .refine((e) => e.minAge === undefined || e.maxAge === undefined || e.minAge <= e.maxAge, {
    message: 'The minimum age is above the maximum age',
    path: ['maxAge'],
  });
export type Eligibility = z.infer<typeof EligibilitySchema>;

/** A code from a taxonomy the directory uses (HSDS `taxonomy_term` via `attribute`, e.g. Open Eligibility or 211 LA/AIRS). */
export const TaxonomyTermSchema = z.object({
  /** HSDS `taxonomy.uri` or name. */
  system: z.string().trim().min(1).max(300),
  /** HSDS `taxonomy_term.code`. */
  code: z.string().trim().min(1).max(100),
  /** HSDS `taxonomy_term.name`. */
  display: z.string().trim().max(300).optional(),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTermSchema>;

/** Editable fields of a service (HSDS `service`, FHIR HealthcareService). */
export const ServiceInputSchema = z.object({
  /** HSDS `service.organization_id`; FHIR `HealthcareService.providedBy`. */
  organizationId: Id,
  /** HSDS `service.name`; FHIR `HealthcareService.name`. */
  name: Text,
  /** HSDS `service.alternate_name`. */
  alternateName: z.string().trim().max(500).optional(),
  /** HSDS `service.description`; FHIR `HealthcareService.comment`/`extraDetails`. */
  description: Description.optional(),
  /**
   * The need domains this service addresses: casekit's own taxonomy, used by search and referrals. An
   * HSDS import derives them from `taxonomy_term`s (FHIR `HealthcareService.category`).
   */
  categories: z.array(NeedDomainSchema).min(1, 'Choose at least one need this service addresses').max(13),
  /** The source taxonomy codes, kept as they were (HSDS `taxonomy_term`; FHIR `HealthcareService.type`). */
  taxonomyTerms: z.array(TaxonomyTermSchema).max(50).default([]),
  /** Languages staff speak (HSDS `language.code`; FHIR `HealthcareService.communication`). */
  languages: z.array(LanguageTag).max(50).default([]),
  /** Interpretation is offered for other languages (HSDS `service.interpretation_services`, free text there). */
  interpretationAvailable: z.boolean().default(false),
  eligibility: EligibilitySchema.default({ serviceAreas: [] }),
  /** HSDS `service.email`, `service.url`, `phone.number`; FHIR `HealthcareService.telecom`. */
  contact: ContactPointsSchema.default({}),
  /** Where the service is delivered (HSDS `service_at_location` -> `location` -> `address`; FHIR `HealthcareService.location`). */
  address: AddressSchema.optional(),
  /** Opening hours as written (HSDS `schedule.description`; FHIR `HealthcareService.availabilityExceptions`). */
  hours: z.string().trim().max(1000).optional(),
  /** How to apply or be referred (HSDS `service.application_process`). */
  applicationProcess: Description.optional(),
  /** HSDS `service.fees_description`. */
  fees: z.string().trim().max(1000).optional(),
  /** HSDS `service.status`; FHIR `HealthcareService.active`. */
  status: ServiceStatusSchema.default('active'),
  /** The id this service has in the directory it was imported from (HSDS `service.id`). */
  sourceId: z.string().trim().max(200).optional(),
});
export type ServiceInput = z.input<typeof ServiceInputSchema>;

export const ServicePatchSchema = patchSchemaOf(ServiceInputSchema);
export type ServicePatch = z.input<typeof ServicePatchSchema>;

export const ServiceSchema = RecordMetaSchema.extend(ServiceInputSchema.shape).extend({
  /** Snapshot of the organisation's name, kept in step by core (FHIR `providedBy.display`); searchable. */
  organizationName: z.string().max(500),
});
export type Service = z.infer<typeof ServiceSchema>;

/** A directory search. Every filter is optional; `language` ranks rather than filters. */
export const ServiceSearchSchema = z
  .object({
    /** Only services addressing this need domain. */
    need: NeedDomainSchema.optional(),
    /** The client's language: services whose staff speak it come first, then those offering interpretation. */
    language: LanguageTag.optional(),
    /** Words that must each start a word of the service's name, organisation name or description (accents and case ignored). */
    text: z.string().trim().max(200).optional(),
    /** Only services whose age range includes this age. */
    clientAge: z.number().int().min(0).max(150).optional(),
    /** A postal code or city: only services covering it (or with no area restriction). */
    area: z.string().trim().max(100).optional(),
    includeInactive: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(20),
  })
  .strict();
export type ServiceSearch = z.input<typeof ServiceSearchSchema>;

/** How a service matches the client's language. */
export type LanguageMatch = 'spoken' | 'interpretation' | 'none';

export interface ServiceSearchResult {
  service: Service;
  /** Present when the search named a language. */
  languageMatch?: LanguageMatch;
}

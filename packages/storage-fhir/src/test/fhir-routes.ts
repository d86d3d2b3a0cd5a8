import { allOk, badRequest, created, OperationOutcomeError, preconditionFailed } from '@medplum/core';
import type { FhirRouteHandler, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import type { StrictMemoryRepository } from './strict-memory-repository.js';

/**
 * Replaces the stock instance routes of `router` whose HTTP semantics fall short (see fhir-server.ts):
 * - PUT answered 200 even when it created the resource (R4: 201), and ignored an If-Match it could not
 *   parse (so `If-Match: 3` silently became an unconditional overwrite);
 * - DELETE and PATCH ignored If-Match entirely;
 * - POST kept a client-chosen `id` (R4: the server assigns it), overwriting any resource with that id.
 * The same handlers serve transaction entries, whose `request.ifMatch` the router passes as a header.
 */
export function installStrictRoutes(router: FhirRouter, repo: StrictMemoryRepository): void {
  replaceRoute(router, 'PUT', ':resourceType/:id', () => async (req) => {
    const { resourceType = '', id = '' } = req.params;
    const resource = req.body as Resource | undefined;
    if (resource?.resourceType !== resourceType) return [badRequest('Incorrect resource type')];
    if (resource.id !== id) return [badRequest('Incorrect resource ID')];
    const ifMatch = parseIfMatch(req.headers?.['if-match'], repo, resourceType, id);
    const existed = repo.current(resourceType, id) !== undefined;
    const result = await repo.updateResource(resource, ifMatch === undefined ? undefined : { ifMatch });
    return [existed ? allOk : created, result];
  });

  replaceRoute(router, 'DELETE', ':resourceType/:id', () => async (req) => {
    const { resourceType = '', id = '' } = req.params;
    const ifMatch = parseIfMatch(req.headers?.['if-match'], repo, resourceType, id);
    await repo.deleteResource(resourceType, id, ifMatch === undefined ? undefined : { ifMatch });
    return [allOk];
  });

  replaceRoute(router, 'PATCH', ':resourceType/:id', () => async (req) => {
    const { resourceType = '', id = '' } = req.params;
    const ifMatch = parseIfMatch(req.headers?.['if-match'], repo, resourceType, id);
    if (ifMatch !== undefined && repo.current(resourceType, id)?.meta?.versionId !== ifMatch) {
      throw new OperationOutcomeError(preconditionFailed);
    }
    if (!Array.isArray(req.body)) return [badRequest('Patch body must be a JSON Patch array')];
    return [allOk, await repo.patchResource(resourceType as Resource['resourceType'], id, req.body as JsonPatch)];
  });

  replaceRoute(router, 'POST', ':resourceType', (original) => async (req, r, self, options) => {
    // Inside a Bundle the batch processor has already assigned a server id; only direct POSTs need this.
    if (!options?.batch && req.body && typeof req.body === 'object') delete (req.body as { id?: string }).id;
    return original(req, r, self, options);
  });
}

type JsonPatch = Parameters<StrictMemoryRepository['patchResource']>[2];

/**
 * The versionId an If-Match header asks for. `W/"3"` and `"3"` name version 3; `*` names whatever is
 * current (412 when nothing is); anything else is refused rather than ignored.
 */
function parseIfMatch(header: string | undefined, repo: StrictMemoryRepository, resourceType: string, id: string): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') {
    const current = repo.current(resourceType, id)?.meta?.versionId;
    if (current === undefined) throw new OperationOutcomeError(preconditionFailed);
    return current;
  }
  const match = /^(?:W\/)?"([^"]+)"$/.exec(value);
  if (!match?.[1]) throw new OperationOutcomeError(badRequest(`If-Match must be an entity tag such as W/"3", not ${value}`));
  return match[1];
}

function replaceRoute(router: FhirRouter, method: HttpMethod, path: string, make: (original: FhirRouteHandler) => FhirRouteHandler): void {
  const route = router.router.routes.find(
    (r) => r.method === method && r.path.map((segment) => (segment.param ? `:${segment.value}` : segment.value)).join('/') === path,
  );
  if (!route) throw new Error(`@medplum/fhir-router has no ${method} ${path} route to replace (has the library changed?)`);
  route.handler = make(route.handler);
}

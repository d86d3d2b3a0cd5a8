/**
 * fhirclient's browser adapter, imported from its CommonJS build. Node's ESM loader gives the whole
 * `module.exports` as the default export; bundlers (rollup's commonjs plugin) give `exports.default`.
 * Both are accepted here so the same import works in Node tests and in the browser bundle.
 */
import * as browserAdapterModule from 'fhirclient/lib/adapters/BrowserAdapter.js';
import type { fhirclient } from 'fhirclient/lib/types.js';

export type SmartEnvironment = fhirclient.Adapter;
export type FhirclientStorage = fhirclient.Storage;
export type BrowserAdapterClass = new (options?: fhirclient.BrowserFHIRSettings) => fhirclient.Adapter;

function unwrap(module: unknown): BrowserAdapterClass {
  let value = module as { default?: unknown } | BrowserAdapterClass;
  for (let depth = 0; depth < 3 && typeof value !== 'function'; depth++) value = (value as { default?: unknown }).default as typeof value;
  if (typeof value !== 'function') throw new TypeError('fhirclient/lib/adapters/BrowserAdapter.js exports no class');
  return value;
}

/** fhirclient's BrowserAdapter class (sessionStorage, `location`, WebCrypto). Tests subclass it. */
export const BrowserAdapter: BrowserAdapterClass = unwrap(browserAdapterModule);

/**
 * The environment a browser launch runs in: state and tokens in sessionStorage (per tab, gone with
 * it — never localStorage), the refresh request sends `client_id` as a public client must (RFC 6749 §6).
 */
export function browserEnvironment(): SmartEnvironment {
  return new BrowserAdapter({ refreshTokenWithClientId: true, fullSessionStorageSupport: true, replaceBrowserHistory: true });
}

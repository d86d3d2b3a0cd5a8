import type { FhirclientStorage, SmartEnvironment } from '../fhirclient-adapter.js';

export declare class MemoryStorage implements FhirclientStorage {
  readonly items: Map<string, string>;
  get(key: string): Promise<any>;
  set(key: string, value: any): Promise<any>;
  unset(key: string): Promise<boolean>;
}

export interface MemoryEnvironment extends SmartEnvironment {}
export declare class MemoryEnvironment {
  constructor(url: string, storage?: MemoryStorage);
  readonly storage: MemoryStorage;
  /** Every URL the launch asked the browser to go to. */
  readonly redirects: string[];
  /** The same tab (same storage) on another URL. */
  navigate(url: string): MemoryEnvironment;
}

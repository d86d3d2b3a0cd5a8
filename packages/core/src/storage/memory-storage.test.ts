import { describe, it } from 'node:test';
import { runStorageConformance } from '../testing/storage-conformance.js';
import { createMemoryStorage } from './memory-storage.js';

runStorageConformance(() => createMemoryStorage(), { describe, it });

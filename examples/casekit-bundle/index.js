// casekit as one ES module for a <script type="module"> (no build step on the host's side): core,
// the IndexedDB and memory storages, and every element, with lit, zod and dexie inlined. Importing
// it registers the ck-* tags. Built by the root rollup config into dist/casekit.js.
import '@casekit/elements/define.js';

export * from '@casekit/core';
export { createDexieStorage } from '@casekit/storage-dexie';
export * from '@casekit/elements';

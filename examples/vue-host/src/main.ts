// A Vue 3 host: creates the case manager once, registers the casekit elements, and mounts the app.
import { createApp, markRaw } from 'vue';
import { createCaseManager, createMemoryStorage } from '@casekit/core';
// Registers the tags this app uses (each entry point defines one element; '@casekit/elements/define.js' defines all).
import '@casekit/elements/ck-provider.js';
import '@casekit/elements/ck-caseload-board.js';
import '@casekit/elements/ck-referral-tracker.js';
import '@casekit/elements/themes/default.css';
import './app.css';
import App from './App.vue';
import { seedIfEmpty } from './seed.ts';

// The signed-in user comes from your app's session; casekit attributes every write and audit event to it.
const actor = { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' };
// Memory storage keeps the example small (see examples/react-host for IndexedDB through @casekit/storage-dexie).
// markRaw: the manager goes to the elements as it is, never wrapped in one of Vue's reactive proxies.
const manager = markRaw(createCaseManager({ storage: createMemoryStorage(), actor }));
await seedIfEmpty(manager);

createApp(App, { manager }).mount('#app');

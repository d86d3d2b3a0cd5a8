import { createApp, markRaw } from 'vue';
import { createCaseManager, createMemoryStorage } from '@casekit/core';
import '@casekit/elements/ck-provider.js';
import '@casekit/elements/ck-caseload-board.js';
import '@casekit/elements/themes/default.css';
import App from './App.vue';

// markRaw: Vue must not wrap the manager in a reactive proxy (it is handed to the elements as it is).
const manager = markRaw(
  createCaseManager({ storage: createMemoryStorage(), actor: { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' } }),
);
for (const [given, family] of [['Rosa', 'Hernández'], ['James', 'Okafor'], ['Lin', 'Chen']] as const) {
  const { client } = await manager.clients.create({ name: { given: [given], family } });
  await manager.cases.create({ clientId: client.id, program: 'behavioral-health', priority: 'medium' });
}
createApp(App, { manager }).mount('#app');

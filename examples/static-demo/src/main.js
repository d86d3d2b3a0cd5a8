// Demo entry, bundled by the root rollup config into dist/casekit-demo.js with every dependency inlined.
import { createCaseManager, createMemoryStorage } from '@casekit/core';

const storage = createMemoryStorage();
const actor = { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' };
const manager = createCaseManager({ storage, actor });

async function seed() {
  const people = [
    [{ given: ['Rosa'], family: 'Hernández' }, 'es', true, 'social-work', 'high', '2026-11-20'],
    [{ given: ['Thanh'], family: 'Nguyễn' }, 'vi', true, 'healthcare', 'urgent', '2026-11-26'],
    [{ given: ['Grace'], family: 'Okafor' }, 'en', false, 'behavioral-health', 'medium', '2026-12-02'],
  ];
  for (const [name, language, interpreterNeeded, program, priority, nextContactDue] of people) {
    const { client } = await manager.clients.create({ name, language, interpreterNeeded });
    await manager.cases.create({ clientId: client.id, program, priority, nextContactDue, status: 'active' });
  }
}

async function render() {
  const { items } = await manager.cases.query({ sort: 'dueDate' });
  const body = document.querySelector('#caseload tbody');
  body.replaceChildren(
    ...items.map((c) => {
      const row = document.createElement('tr');
      for (const value of [c.clientName, c.program, c.priority, c.status, c.nextContactDue ?? '']) {
        const cell = document.createElement('td');
        cell.textContent = value; // records are untrusted: text only, never HTML
        row.append(cell);
      }
      return row;
    }),
  );
}

await seed();
await render();

// A React 19 host: creates the storage and the case manager once, registers the casekit elements,
// and renders the app. Nothing here is casekit-specific React glue: the elements are plain custom
// elements, and React 19 passes properties to them and listens to their events natively.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCaseManager, createMemoryStorage } from '@casekit/core';
import { createDexieStorage } from '@casekit/storage-dexie';
// Registers the tags this app uses (each entry point defines one element; '@casekit/elements/define.js' defines all).
import '@casekit/elements/ck-provider.js';
import '@casekit/elements/ck-caseload-board.js';
import '@casekit/elements/ck-referral-tracker.js';
// JSX types for every <ck-*> tag: properties, attributes and onck-* events (an empty module at run time).
import '@casekit/elements/react';
// The --ck-* design tokens (light and dark); the elements also work without it.
import '@casekit/elements/themes/default.css';
import './app.css';
import { App } from './App.tsx';
import { seedIfEmpty } from './seed.ts';

// The signed-in user comes from your app's session; casekit attributes every write and audit event to it.
const actor = { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' };

// IndexedDB by default (the caseload survives reloads); `?storage=memory` keeps it in memory.
const storage =
  new URLSearchParams(location.search).get('storage') === 'memory'
    ? createMemoryStorage()
    : createDexieStorage({ name: `casekit-react-host:${actor.id}` });
const manager = createCaseManager({ storage, actor });
await seedIfEmpty(manager);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App manager={manager} />
  </StrictMode>,
);

// Vite's usual React set-up. `base: './'` makes dist/ work from any static path (`npm start` serves it
// at /react-host/, the e2e tests at /react-host/dist/). @casekit/* resolve to their built dist/ files
// through the packages' `exports` (Vite does not use their `source` condition), as an app installing
// them from npm gets them — so run `pnpm build` at the repository root first.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  // One chunk with React, lit, zod, dexie and casekit (~210 kB gzipped); split it in a real app.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});

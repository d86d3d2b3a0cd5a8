import { defineConfig } from 'vite';

// `base: './'`: the built app works from any static path (the smoke test serves it at /vite-ts/dist/).
export default defineConfig({ base: './', build: { chunkSizeWarningLimit: 1000 } });

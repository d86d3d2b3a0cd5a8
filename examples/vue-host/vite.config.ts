// Vite's usual Vue set-up, plus one line for custom elements. `base: './'` makes dist/ work from any
// static path (`npm start` serves it at /vue-host/, the e2e tests at /vue-host/dist/).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  // ck-* tags are custom elements, not Vue components: without this Vue warns "Failed to resolve component".
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ck-') } } })],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});

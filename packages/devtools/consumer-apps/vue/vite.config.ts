import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  // ck-* tags are custom elements, not Vue components: let the browser resolve them.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ck-') } } })],
  build: { chunkSizeWarningLimit: 1000 },
});

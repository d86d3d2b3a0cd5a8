// Builds dist/smart-app.js: casekit (core, the elements) with @casekit/storage-fhir and its /smart entry
// (fhirclient inside), from the workspace sources, as one module for a plain <script type="module">,
// and dist/casekit-theme.css beside it. Self-contained, so it never lags behind core the way a
// separately built bundle can. Uses the root's rollup and TypeScript (`pnpm --filter
// @casekit/example-smart-launch build`, or `npx rollup -c examples/smart-launch/rollup.config.mjs`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const WORKSPACE = {
  '@casekit/storage-fhir/smart': repo('packages/storage-fhir/src/smart/index.ts'),
  '@casekit/storage-fhir': repo('packages/storage-fhir/src/index.ts'),
  '@casekit/fhir': repo('packages/fhir/src/index.ts'),
  '@casekit/core': repo('packages/core/src/index.ts'),
  '@casekit/elements/define.js': repo('packages/elements/src/define.ts'),
};
const ELEMENTS = repo('packages/elements/');
const FETCH_SHIM = '\0global-fetch';

/** Workspace packages from source (TypeScript transpiled, no type check: `tsc -b` does that). */
const workspaceSources = {
  name: 'casekit-workspace-sources',
  resolveId(id, importer) {
    if (WORKSPACE[id]) return WORKSPACE[id];
    // fhirclient's CommonJS build pulls in cross-fetch (an XMLHttpRequest polyfill); browsers have fetch.
    if (id === 'cross-fetch') return FETCH_SHIM;
    // Relative `.js` imports in the TypeScript sources name `.ts` files.
    if (importer?.endsWith('.ts') && id.startsWith('.') && id.endsWith('.js')) return this.resolve(id.replace(/\.js$/, '.ts'), importer, { skipSelf: true });
    return null;
  },
  load(id) {
    if (id === FETCH_SHIM) {
      return 'const f = (...a) => globalThis.fetch(...a); export default f; export { f as fetch }; export const Headers = globalThis.Headers, Request = globalThis.Request, Response = globalThis.Response;';
    }
    return null;
  },
  transform(code, id) {
    // fhirpath (through @casekit/fhir) imports its package.json and model files.
    if (id.endsWith('.json')) return { code: `export default ${code};`, map: null };
    // fhirclient's lib reads process.env.NODE_ENV, which webpack and Vite define and rollup does not.
    if (id.includes('/node_modules/') && code.includes('process.env.NODE_ENV')) return { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null };
    if (!id.endsWith('.ts')) return null;
    // The elements use Lit's (legacy) decorators, as their tsconfig says.
    const decorators = id.startsWith(ELEMENTS) ? { experimentalDecorators: true, useDefineForClassFields: false } : {};
    const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: true, ...decorators };
    const out = ts.transpileModule(code, { fileName: id, compilerOptions });
    return { code: out.outputText, map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null };
  },
};

export default {
  input: fileURLToPath(new URL('./src/smart-app.js', import.meta.url)),
  output: {
    dir: fileURLToPath(new URL('./dist/', import.meta.url)),
    entryFileNames: 'smart-app.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    workspaceSources,
    {
      name: 'casekit-theme-asset',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'casekit-theme.css', source: readFileSync(repo('packages/elements/src/themes/default.css'), 'utf8') });
      },
    },
    nodeResolve({ browser: true, exportConditions: ['source'] }),
    // fhirclient falls back to isomorphic-webcrypto only where globalThis.crypto is missing (never in
    // a browser this example supports): leave that require out rather than bundle its polyfills.
    commonjs({ ignore: ['isomorphic-webcrypto'] }),
    terser({ format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // TypeScript's `__decorate` helper reads `this` at module level; harmless (undefined in ES modules).
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'SOURCEMAP_ERROR') return;
    if (warning.code === 'CIRCULAR_DEPENDENCY' || (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules'))) return;
    warn(warning);
  },
};

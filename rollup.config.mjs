// One rollup config for the whole workspace. Rollup emits each package's JavaScript into its dist/
// (modules preserved, dependencies external, so consumers tree-shake); `tsc -b` emits the .d.ts files
// beside them (the setup notes explain why the typescript plugin does not write declarations).
// Then the static demo's self-contained bundle is built from those dist files, with everything inlined.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

// TypeScript's decorator helper (`__decorate`, used by the elements' Lit decorators) is inlined into
// dist/_virtual/tslib.js rather than imported from `tslib`: @rollup/plugin-typescript forces
// `importHelpers: true` / `noEmitHelpers: true` over both the tsconfig and its own `compilerOptions`, so
// every helper arrives as `import { __decorate } from 'tslib'`; kept external, that bare import would
// need a `tslib` dependency no package declares (inside the repo the root devDependency hid it; every
// npm consumer's build broke). This plugin resolves `tslib` to a module of its own, which rollup
// tree-shakes to the helpers actually used (tslib is 0BSD). The consumer smoke test checks that no
// package's dist imports anything it does not declare.
const TSLIB_ID = '\0tslib';
const tslibSource = readFileSync(createRequire(import.meta.url).resolve('tslib/tslib.es6.js'), 'utf8');
const inlineTslib = {
  name: 'casekit-inline-tslib',
  resolveId: (id) => (id === 'tslib' ? TSLIB_ID : null),
  load: (id) => (id === TSLIB_ID ? tslibSource : null),
};

const packageBuild = (dir, input, external) => ({
  input,
  external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    dir: `${dir}/dist`,
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: `${dir}/src`,
    sourcemap: true,
  },
  plugins: [
    inlineTslib,
    typescript({
      tsconfig: `${dir}/tsconfig.json`,
      outputToFilesystem: true,
      compilerOptions: {
        composite: false,
        incremental: false,
        declaration: false,
        declarationMap: false,
        emitDeclarationOnly: false,
        noEmit: false,
        outDir: `${dir}/dist`,
      },
    }),
  ],
  onwarn: ignoreCircular,
});

// zod's own modules import each other in a cycle and carry comments rollup cannot place; harmless,
// and not ours to fix. Anything else is shown.
function ignoreCircular(warning, warn) {
  const thirdParty = warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules');
  if (warning.code !== 'CIRCULAR_DEPENDENCY' && !thirdParty) warn(warning);
}

const componentEntries = (dir) => {
  const components = `${dir}/src/components`;
  if (!existsSync(components)) return [];
  return readdirSync(components)
    .map((name) => `${components}/${name}/${name}.ts`)
    .filter((file) => existsSync(file));
};

const builds = [
  packageBuild('packages/core', ['packages/core/src/index.ts', 'packages/core/src/instruments.ts', 'packages/core/src/testing/index.ts'], ['zod']),
];
if (existsSync('packages/storage-dexie/src/index.ts')) {
  builds.push(packageBuild('packages/storage-dexie', ['packages/storage-dexie/src/index.ts'], ['dexie', '@casekit/core', 'zod']));
}
if (existsSync('packages/fhir/src/index.ts')) {
  builds.push(packageBuild('packages/fhir', ['packages/fhir/src/index.ts'], ['@casekit/core', 'zod', 'fhirpath']));
}
if (existsSync('packages/storage-fhir/src/index.ts')) {
  builds.push(packageBuild('packages/storage-fhir', ['packages/storage-fhir/src/index.ts', 'packages/storage-fhir/src/smart/index.ts'], ['@casekit/core', '@casekit/fhir', 'fhirclient']));
}
if (existsSync('packages/elements/src/index.ts')) {
  const entries = ['index.ts', 'define.ts'].map((f) => `packages/elements/src/${f}`).filter((f) => existsSync(f));
  builds.push(packageBuild('packages/elements', [...entries, ...componentEntries('packages/elements')], ['lit', '@lit', '@lit-labs', '@casekit/core', 'zod']));
}

// The static demo loads one ES module with lit, zod, core, storage-dexie and elements inlined, so any
// static file server can host it with no build step of its own. The theme ships beside it.
const themeAsset = {
  name: 'casekit-theme-asset',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'casekit-theme.css', source: readFileSync('packages/elements/src/themes/default.css', 'utf8') });
  },
};
// fhirpath (through @casekit/fhir, in the demo's FHIR-server mode) reads its own package.json with require.
const jsonModules = {
  name: 'casekit-json-modules',
  transform: (code, id) => (id.endsWith('.json') ? { code: `export default ${code};`, map: null } : null),
};
if (existsSync('examples/static-demo/src/main.js')) {
  builds.push({
    input: 'examples/static-demo/src/main.js',
    output: { dir: 'examples/static-demo/dist', entryFileNames: 'casekit-demo.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true }), commonjs(), jsonModules, terser({ format: { comments: false } }), themeAsset],
    onwarn: ignoreCircular,
  });
}

// casekit for script-tag embedding (plain HTML, an EHR page): everything in one module.
if (existsSync('examples/casekit-bundle/index.js')) {
  builds.push({
    input: 'examples/casekit-bundle/index.js',
    output: { dir: 'examples/casekit-bundle/dist', entryFileNames: 'casekit.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true }), commonjs(), terser({ format: { comments: false } }), themeAsset],
    onwarn: ignoreCircular,
  });
}

export default builds;

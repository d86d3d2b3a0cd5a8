// One rollup config for the whole workspace. Rollup emits each package's JavaScript into its dist/
// (modules preserved, dependencies external, so consumers tree-shake); `tsc -b` emits the .d.ts files
// beside them (the setup notes explain why the typescript plugin does not write declarations).
// Then the static demo's self-contained bundle is built from those dist files, with everything inlined.
import { existsSync, readdirSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

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
  onwarn(warning, warn) {
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});

const componentEntries = (dir) => {
  const components = `${dir}/src/components`;
  if (!existsSync(components)) return [];
  return readdirSync(components)
    .map((name) => `${components}/${name}/${name}.ts`)
    .filter((file) => existsSync(file));
};

const builds = [
  packageBuild('packages/core', ['packages/core/src/index.ts', 'packages/core/src/testing/index.ts'], ['zod', 'tslib']),
];
if (existsSync('packages/storage-dexie/src/index.ts')) {
  builds.push(packageBuild('packages/storage-dexie', ['packages/storage-dexie/src/index.ts'], ['dexie', '@casekit/core', 'zod', 'tslib']));
}
if (existsSync('packages/elements/src/index.ts')) {
  const entries = ['index.ts', 'define.ts'].map((f) => `packages/elements/src/${f}`).filter((f) => existsSync(f));
  builds.push(packageBuild('packages/elements', [...entries, ...componentEntries('packages/elements')], ['lit', '@lit', '@lit-labs', '@casekit/core', 'zod', 'tslib']));
}

// The static demo loads one ES module with lit, zod, core, storage-dexie and elements inlined, so any
// static file server can host it with no build step of its own.
if (existsSync('examples/static-demo/src/main.js')) {
  builds.push({
    input: 'examples/static-demo/src/main.js',
    output: { file: 'examples/static-demo/dist/casekit-demo.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true }), commonjs(), terser({ format: { comments: false } })],
  });
}

export default builds;

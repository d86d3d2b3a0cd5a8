// Custom Elements Manifest analyzer configuration (`cem analyze`, run by this package's `analyze`
// script, itself part of `pnpm build`). Writes custom-elements.json at the package root: it is
// generated, gitignored and published (package.json `customElements`).
import { ckEventTypesPlugin, distPathsPlugin, literalAliasesPlugin, summaryParagraphPlugin } from './scripts/cem-plugins.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names the manifest; the analyzer would rewrite (and reformat) the file.
  packagejson: false,
  // Order matters: the dist-path rewrite runs last so it also rewrites the references added before it.
  plugins: [ckEventTypesPlugin(), literalAliasesPlugin(), summaryParagraphPlugin(), distPathsPlugin()],
};

// pnpm hooks for the workspace.
// beforePacking: the published package.json drops the `source` export condition. Inside the repo it
// points tests and type-checks at src/*.ts with no build step; in an app it would hand a bundler that
// happens to use a `source` condition our uncompiled TypeScript (with Lit decorators) instead of dist/.
function withoutSource(value) {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) if (key !== 'source') out[key] = withoutSource(inner);
  return out;
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports) pkg.exports = withoutSource(pkg.exports);
      return pkg;
    },
  },
};

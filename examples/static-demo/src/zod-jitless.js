// Imported first by main.js, so it runs before zod (inlined in the demo bundle) builds any schema.
// zod compiles faster parsers with `new Function` and probes once whether it may; a strict CSP without
// 'unsafe-eval', or Trusted Types (`require-trusted-types-for 'script'`), refuses that and reports a
// violation even though zod falls back. `jitless` skips the probe and the code generation.
//
// This is what `import * as z from 'zod'; z.config({ jitless: true })` does: zod 4 keeps its
// configuration on globalThis (`__zod_globalConfig`), shared by every copy of zod on the page. The demo
// does not depend on zod itself (only through @casekit/core), so it sets that object directly; with
// zod as a dependency of your own app, call `z.config` instead.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };

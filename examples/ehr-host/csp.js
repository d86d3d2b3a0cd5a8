// Imported first by the EHR's scripts, before casekit. zod (inlined in the casekit bundle) checks once
// whether it may generate code with `new Function`; under a CSP without 'unsafe-eval' that check is
// refused — harmless, zod falls back, but the browser reports a violation each time. `jitless` skips
// the check. With zod from npm you would write `z.config({ jitless: true })`; zod 4 keeps that config
// on globalThis, shared by every copy of zod on the page, which is how the bundle's copy sees it.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };

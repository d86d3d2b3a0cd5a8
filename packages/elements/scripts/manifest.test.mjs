// The package's generated metadata, built from the sources as `pnpm build` does (`analyze`), into a
// temporary folder: the Custom Elements Manifest, the editor data (VS Code, JetBrains) and the Vue
// and React types. What tools and framework users rely on: every element is there, every `ck-*`
// event carries its detail type, paths point at what is published.
//   node --conditions=source --import tsx --test packages/elements/scripts/manifest.test.mjs
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(pkg, 'node_modules', '.bin', name);
const read = (path) => readFileSync(path, 'utf8');

/** What the sources say, read without the analyzer: the facts the manifest must reproduce. */
function sourceFacts() {
  const components = join(pkg, 'src/components');
  const tags = new Map(); // tag -> component folder
  const emitted = new Map(); // folder -> event names its code dispatches
  const jsdoc = new Map(); // folder -> { parts, cssProps, slots } counted in the element's class comment
  for (const folder of readdirSync(components)) {
    const files = readdirSync(join(components, folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const events = new Set();
    for (const file of files) {
      const text = read(join(components, folder, file));
      for (const [, tag] of text.matchAll(/customElements\.define\('(ck-[a-z-]+)'/g)) tags.set(tag, folder);
      for (const [, name] of text.matchAll(/\bemit\((?:this, )?'(ck-[a-z-]+)'/g)) events.add(name);
      if (/\breportError\(/.test(text)) events.add('ck-error');
      if (file.endsWith('.component.ts')) {
        const comment = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export class/.exec(text)?.[1] ?? '';
        const count = (tag) => [...comment.matchAll(new RegExp(`^\\s*\\* ${tag} `, 'gm'))].length;
        jsdoc.set(folder, { parts: count('@csspart'), cssProps: count('@cssprop'), slots: count('@slot') });
      }
    }
    emitted.set(folder, events);
  }
  const eventsTs = read(join(pkg, 'src/events/events.ts'));
  const map = /export interface CkEventMap \{([^}]*)\}/.exec(eventsTs)?.[1] ?? '';
  const details = new Map([...map.matchAll(/'(ck-[a-z-]+)': (\w+);/g)].map(([, name, detail]) => [name, detail]));
  return { tags, emitted, jsdoc, details };
}

let out;
let manifest;
let facts;
/** @type {Map<string, any>} tag -> declaration */
const elements = new Map();
/** @type {Map<string, any>} tag -> module */
const modulesByTag = new Map();

before(() => {
  out = mkdtempSync(join(tmpdir(), 'ck-manifest-'));
  // The analyzer joins --outdir to the working directory, so it gets a relative path.
  execFileSync(bin('cem'), ['analyze', '--quiet', '--outdir', relative(pkg, out)], { cwd: pkg, stdio: 'pipe' });
  for (const script of ['generate-react-types.mjs', 'generate-vue-types.mjs', 'generate-ide-data.mjs']) {
    execFileSync(process.execPath, [join(pkg, 'scripts', script), out], { cwd: pkg, stdio: 'pipe' });
  }
  manifest = JSON.parse(read(join(out, 'custom-elements.json')));
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) {
        elements.set(declaration.tagName, declaration);
        modulesByTag.set(declaration.tagName, module);
      }
    }
  }
  facts = sourceFacts();
});
after(() => rmSync(out, { recursive: true, force: true }));

describe('custom-elements.json', () => {
  test('lists every element the package defines, with its tag', () => {
    assert.ok(facts.tags.size >= 6, `found only ${facts.tags.size} customElements.define calls`);
    assert.deepEqual([...elements.keys()].sort(), [...facts.tags.keys()].sort());
  });

  test('every event of CkEventMap is documented on an element, typed CustomEvent<its detail>', () => {
    assert.ok(facts.details.size >= 10, `read only ${facts.details.size} events from events.ts`);
    for (const [name, detail] of facts.details) {
      const documented = [...elements.values()].flatMap((d) => (d.events ?? []).filter((e) => e.name === name));
      assert.ok(documented.length, `${name} is on no element's @fires`);
      for (const event of documented) {
        assert.equal(event.type?.text, `CustomEvent<${detail}>`, name);
        assert.deepEqual(
          event.type.references?.map((r) => [r.name, r.module, event.type.text.slice(r.start, r.end)]),
          [[detail, 'dist/events/events.js', detail]],
          `${name}: the detail type's reference`,
        );
      }
    }
  });

  test('each element documents every event its code dispatches, and only casekit events', () => {
    for (const [tag, declaration] of elements) {
      const documented = new Set((declaration.events ?? []).map((e) => e.name));
      for (const name of facts.emitted.get(facts.tags.get(tag)) ?? []) assert.ok(documented.has(name), `${tag} dispatches ${name} but has no @fires for it`);
      for (const name of documented) assert.ok(facts.details.has(name), `${tag} documents ${name}, which CkEventMap lacks`);
    }
  });

  test('module paths are the published dist/*.js files, with their .d.ts beside them', () => {
    const modules = [];
    const walk = (value) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) (key === 'module' && typeof inner === 'string' ? modules.push(inner) : walk(inner));
    };
    for (const module of manifest.modules) {
      assert.match(module.path, /^dist\/.+\.js$/);
      assert.equal(module.typeDefinitionPath, module.path.replace(/\.js$/, '.d.ts'));
      // Each path is where the build writes that source file's output.
      assert.ok(existsSync(join(pkg, module.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))), module.path);
      walk(module.declarations);
      walk(module.exports);
    }
    assert.ok(modules.length > 20, 'inheritance and export references were found');
    for (const module of modules) assert.match(module, /^dist\/.+\.js$/, `a reference to ${module}`);
    assert.doesNotMatch(JSON.stringify(manifest), /"src\//);
  });

  test('the built package has every element module the manifest names', { skip: !existsSync(join(pkg, 'dist/index.js')) && 'no dist/: run `pnpm build` first' }, () => {
    for (const [tag, module] of modulesByTag) {
      assert.ok(existsSync(join(pkg, module.path)), `${tag}: ${module.path}`);
      assert.ok(existsSync(join(pkg, module.typeDefinitionPath)), `${tag}: ${module.typeDefinitionPath}`);
    }
  });

  test('attributes, slots, CSS parts and custom properties are as the element comments document them', () => {
    for (const [tag, declaration] of elements) {
      const documented = facts.jsdoc.get(facts.tags.get(tag));
      assert.ok(documented, tag);
      assert.equal(declaration.cssParts?.length ?? 0, documented.parts, `${tag} @csspart`);
      assert.equal(declaration.cssProperties?.length ?? 0, documented.cssProps, `${tag} @cssprop`);
      assert.equal(declaration.slots?.length ?? 0, documented.slots, `${tag} @slot`);
      for (const p of declaration.cssProperties ?? []) assert.match(p.name, /^--ck-/, `${tag} ${p.name}`);
      assert.ok(declaration.summary && !declaration.summary.includes('\n'), `${tag} has a one-paragraph summary`);
    }
    const board = elements.get('ck-caseload-board');
    const attribute = (name) => board.attributes.find((a) => a.name === name);
    assert.equal(attribute('group-by')?.fieldName, 'groupBy');
    assert.equal(attribute('group-by')?.expandedType?.text, "'status' | 'priority'");
    assert.equal(attribute('heading-level')?.type?.text, 'number');
    assert.equal(board.attributes.some((a) => a.name === 'filters'), false, 'filters is a property only');
    assert.ok(board.members.some((m) => m.name === 'filters' && m.kind === 'field'));
  });
});

describe('editor data', () => {
  test('VS Code HTML data lists every element, its attributes and literal attribute values', () => {
    const data = JSON.parse(read(join(out, 'dist/vscode.html-custom-data.json')));
    assert.deepEqual(data.tags.map((t) => t.name).sort(), [...elements.keys()].sort());
    for (const tag of data.tags) {
      const declaration = elements.get(tag.name);
      assert.deepEqual(tag.attributes.map((a) => a.name).sort(), (declaration.attributes ?? []).map((a) => a.name).sort(), tag.name);
      for (const event of declaration.events ?? []) assert.ok(tag.description.includes(`\`${event.name}\` (\`${event.type.text}\`)`), `${tag.name} hover shows ${event.name}`);
    }
    const view = data.tags.find((t) => t.name === 'ck-caseload-board').attributes.find((a) => a.name === 'view');
    assert.deepEqual(view.values.map((v) => v.name), ['board', 'list']);
    const priority = data.tags.find((t) => t.name === 'ck-intake-form').attributes.find((a) => a.name === 'priority');
    assert.deepEqual(priority.values, [], 'a type name is never offered as a value');
  });

  test('VS Code CSS data lists every --ck-* custom property and ::part() of the elements, and the design tokens', () => {
    const data = JSON.parse(read(join(out, 'dist/vscode.css-custom-data.json')));
    const properties = [...elements.values()].flatMap((d) => (d.cssProperties ?? []).map((p) => p.name));
    const parts = [...elements.values()].flatMap((d) => (d.cssParts ?? []).map((p) => `::part(${p.name})`));
    assert.ok(properties.length > 30 && parts.length > 50);
    const theme = read(join(pkg, 'src/themes/default.css'));
    const tokens = [...theme.matchAll(/^\s*(--ck-[\w-]+)\s*:/gm)].map(([, name]) => name);
    assert.ok(tokens.length > 20, `read only ${tokens.length} design tokens`);
    assert.deepEqual(new Set(data.properties.map((p) => p.name)), new Set([...properties, ...tokens]));
    assert.deepEqual(new Set(data.pseudoElements.map((p) => p.name)), new Set(parts));
    const primary = data.properties.find((p) => p.name === '--ck-color-primary');
    assert.match(primary.description, /`#[0-9a-f]{6}` \(light\), `#[0-9a-f]{6}` \(dark\)/);
  });

  test('JetBrains web-types list every element with its events, slots and the entry point that defines it', () => {
    const data = JSON.parse(read(join(out, 'dist/web-types.json')));
    const packageJson = JSON.parse(read(join(pkg, 'package.json')));
    assert.equal(data.name, '@casekit/elements');
    assert.equal(packageJson['web-types'], './dist/web-types.json');
    assert.ok(data.contributions.css.properties.some((p) => p.name === '--ck-color-primary'), 'design tokens in CSS');
    const html = data.contributions.html.elements;
    assert.deepEqual(html.map((e) => e.name).sort(), [...elements.keys()].sort());
    for (const element of html) {
      const declaration = elements.get(element.name);
      assert.deepEqual((element.events ?? []).map((e) => [e.name, e.type]), (declaration.events ?? []).map((e) => [e.name, e.type.text]));
      assert.deepEqual((element.slots ?? []).map((s) => s.name), (declaration.slots ?? []).map((s) => s.name));
      assert.deepEqual(element.source, { symbol: declaration.name, module: `@casekit/elements/${element.name}.js` });
      assert.ok(packageJson.exports[`./${element.name}.js`], `${element.name}'s entry point is exported`);
    }
  });
});

describe('framework types', () => {
  test('the Vue types declare every element in GlobalComponents with a handler per event', () => {
    const vue = read(join(out, 'dist/vue.d.ts'));
    assert.match(vue, /declare module 'vue' \{\s*interface GlobalComponents extends CkVueElements \{\}/);
    for (const [tag, declaration] of elements) {
      assert.match(vue, new RegExp(`'${tag}': DefineComponent<CkVueBindings<${declaration.name}, ${declaration.name}VueProps>>`));
      for (const event of declaration.events ?? []) {
        const handler = `on${event.name.replace(/-([a-z])/g, (_, c) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase())}`;
        assert.ok(vue.includes(`${handler}?: (event: CkVueEvent<'${event.name}'>) => void;`), `${tag} ${handler}`);
      }
    }
  });

  test('the React types declare every element', () => {
    const react = read(join(out, 'dist/react.d.ts'));
    for (const [tag, declaration] of elements) assert.ok(react.includes(`'${tag}': CkJsxProps<${declaration.name}, ${declaration.name}Props>;`), tag);
  });

  // Type-checks a Vue app against the published types (this package's exports -> dist/*.d.ts).
  test('vue-tsc accepts a Vue app using every element and rejects wrong props and event details', { skip: !existsSync(join(pkg, 'dist/vue.d.ts')) && 'no dist/: run `pnpm build` first', timeout: 120_000 }, () => {
    try {
      execFileSync(bin('vue-tsc'), ['-p', join(pkg, 'scripts/fixtures/vue-app'), '--noEmit'], { cwd: pkg, stdio: 'pipe' });
    } catch (error) {
      assert.fail(`vue-tsc failed:\n${error.stdout}${error.stderr}`);
    }
  });
});

// Generates editor data from the Custom Elements Manifest (custom-elements.json, written by
// `cem analyze`), into dist/ (generated, so gitignored; published with the rest of dist/):
//
//   vscode.html-custom-data.json  VS Code `html.customData`: tags, attributes (with their values),
//                                 and in each tag's hover its events, slots, parts and CSS properties
//   vscode.css-custom-data.json   VS Code `css.customData`: the `--ck-*` custom properties and
//                                 `::part()` names of every element, and the themes' design tokens
//   web-types.json                JetBrains IDEs (package.json `web-types`): tags, attributes, DOM
//                                 properties, events, slots, CSS properties and parts
//
// `node scripts/generate-ide-data.mjs [dir]`: reads dir/custom-elements.json (default: the package's)
// and writes dir/dist/. Run it from the package directory: the JetBrains generator reads
// ./package.json for the name and version. Run by the package's `analyze` script (`pnpm build`).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';
import { getWebTypesData } from 'custom-element-jet-brains-integration';

const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const read = (path) => readFileSync(path, 'utf8');
const manifest = JSON.parse(read(`${dir}/custom-elements.json`));

// Both generators show one text per element, and list events without their types and CSS
// properties with "(default: undefined)". So each element's text is written here — summary, long
// description, then events (with `CustomEvent<Detail>`), slots, CSS parts and CSS properties — and
// the generators' own sections are turned off.
const section = (title, items, line) => (items?.length ? `\n\n### ${title}\n\n${items.map(line).join('\n')}` : '');
const describe = (d) =>
  [d.summary, d.description].filter(Boolean).join('\n\n') +
  section('Events', d.events, (e) => `- \`${e.name}\`${e.type?.text ? ` (\`${e.type.text}\`)` : ''}${e.description ? ` — ${e.description}` : ''}`) +
  section('Slots', d.slots, (s) => `- ${s.name ? `\`${s.name}\`` : '(default)'} — ${s.description ?? ''}`) +
  section('CSS parts', d.cssParts, (p) => `- \`::part(${p.name})\` — ${p.description ?? ''}`) +
  section('CSS custom properties', d.cssProperties, (p) => `- \`${p.name}\`${p.default ? ` (default \`${p.default}\`)` : ''} — ${p.description ?? ''}`);
// VS Code offers an attribute's type parts as its values: only literal unions make sense there
// (`CaseloadView` or `Priority` would be offered as a value).
const literalUnion = (text) => text.split('|').every((p) => /^\s*((['"]).*\2|undefined|null)\s*$/.test(p));

const forEditors = structuredClone(manifest);
let elements = 0;
const tagOf = new Map();
for (const module of forEditors.modules) {
  for (const declaration of module.declarations ?? []) {
    if (!declaration.customElement || !declaration.tagName) continue;
    elements += 1;
    tagOf.set(declaration.name, declaration.tagName);
    declaration.description = describe(declaration);
    for (const attribute of declaration.attributes ?? []) {
      const text = attribute.expandedType?.text ?? attribute.type?.text ?? 'string';
      attribute.editorValues = { text: literalUnion(text) ? text : 'string' };
    }
  }
}
if (!elements) throw new Error('custom-elements.json lists no custom elements: run `cem analyze` first');

// Each tag links to its page in docs/elements/ (ck-provider, which has none, to the shared concepts).
const docsRoot = fileURLToPath(new URL('../../../docs/elements/', import.meta.url));
const docs = (_name, tag = '') => {
  const page = `${tag.replace(/^ck-/, '')}.md`;
  return [{ name: `<${tag}> documentation`, url: `https://github.com/casekit/casekit/blob/main/docs/elements/${existsSync(docsRoot + page) ? page : 'README.md'}` }];
};
const hideSections = { hideSlotDocs: true, hideEventDocs: true, hideCssPropertiesDocs: true, hideCssPartsDocs: true, hideMethodDocs: true };
const options = { hideLogs: true, descriptionSrc: 'description', ...hideSections };

// The generators return JSON text (JetBrains': hand-assembled). Parse and re-serialize, so a broken
// file fails here and every file is formatted alike.
const edit = (text, change) => JSON.stringify(change(JSON.parse(text)));
const write = (name, text) => {
  writeFileSync(`${dir}/dist/${name}`, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  return name;
};
// The global design tokens (`--ck-color-primary`, `--ck-space-2`…) are no element's own
// properties: read them from the shipped themes, with their light and dark values.
function themeTokens() {
  const themes = fileURLToPath(new URL('../src/themes/', import.meta.url));
  const tokens = new Map(); // name -> { light, dark }
  for (const file of readdirSync(themes).filter((f) => f.endsWith('.css'))) {
    const css = read(`${themes}${file}`).replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, selector, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const scheme = /dark/.test(selector) ? 'dark' : 'light';
      for (const [, name, value] of body.matchAll(/(--ck-[\w-]+)\s*:\s*([^;]+);/g)) {
        const token = tokens.get(name) ?? {};
        token[scheme] ??= value.trim();
        tokens.set(name, token);
      }
    }
  }
  return [...tokens].map(([name, { light, dark }]) => ({
    name,
    description: `casekit design token. Default theme: \`${light}\`${dark && dark !== light ? ` (light), \`${dark}\` (dark)` : ''}.`,
  }));
}
const tokens = themeTokens();
if (tokens.length < 10) throw new Error(`read only ${tokens.length} design tokens from src/themes/`);
const withTokens = (properties) => [...properties, ...tokens.filter((t) => !properties.some((p) => p.name === t.name))];

mkdirSync(`${dir}/dist`, { recursive: true });
const written = [
  write('vscode.html-custom-data.json', getVsCodeHtmlCustomData(forEditors, { ...options, typesSrc: 'editorValues', referencesTemplate: docs })),
  write('vscode.css-custom-data.json', edit(getVsCodeCssCustomData(forEditors, options), (data) => ({ ...data, properties: withTokens(data.properties ?? []) }))),
  write(
    'web-types.json',
    edit(getWebTypesData(forEditors, {
      ...options,
      typesSrc: 'expandedType',
      referenceTemplate: (name, tag) => docs(name, tag)[0],
      // `source` lets the IDE jump from a tag to its class: the tag's entry point, which exports it.
      modulePathTemplate: (name) => `@casekit/elements/${tagOf.get(name)}.js`,
    }), (data) => {
      const css = data.contributions.css ?? {};
      data.contributions.css = { ...css, properties: withTokens(css.properties ?? []) };
      return data;
    }),
  ),
];
console.log(`Editor data for ${elements} elements: ${written.map((name) => `dist/${name}`).join(', ')}`);

// What the type generators (React, Vue) read from the Custom Elements Manifest: each ck-* element
// with its tag, class, import path (relative to dist/, where the .d.ts files go), public writable
// properties with their attributes, and events; plus the JSDoc and key helpers both write with.
import { readFileSync } from 'node:fs';

export function readElements(dir) {
  const manifest = JSON.parse(readFileSync(`${dir}/custom-elements.json`, 'utf8'));
  const elements = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      const importPath = `./${module.path.replace(/^(dist|src)\//, '').replace(/\.ts$/, '.js')}`;
      const attributesByField = new Map((declaration.attributes ?? []).filter((a) => a.fieldName).map((a) => [a.fieldName, a.name]));
      const properties = (declaration.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.readonly && !m.privacy && !m.name.startsWith('_') && !m.name.startsWith('#'))
        .map((m) => ({ name: m.name, attribute: attributesByField.get(m.name), type: m.type?.text ?? '', description: m.description ?? '' }));
      const events = (declaration.events ?? []).filter((e) => e.name).map((e) => ({ name: e.name, description: e.description ?? '' }));
      elements.push({ tag: declaration.tagName, className: declaration.name, importPath, summary: declaration.summary ?? '', properties, events });
    }
  }
  if (!elements.length) throw new Error('custom-elements.json lists no custom elements: run `cem analyze` first');
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

/** A JSDoc comment for `text` at `indent` ('' when there is no text). */
export const doc = (text, indent = '  ') => {
  const lines = text.trim().split('\n').map((line) => line.trim().replace(/\*\//g, '*\\/'));
  if (!lines[0]) return '';
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
};

/** An object key: bare when it is an identifier, quoted otherwise. */
export const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

// Plugins for the Custom Elements Manifest analyzer (see ../custom-elements-manifest.config.mjs).
// The analyzer parses each file on its own (no type checker), so what it cannot know — which detail
// type a `ck-*` event carries, where the published JavaScript lives — is filled in here.
import { posix } from 'node:path';

/**
 * Gives each `@fires ck-…` event its type, `CustomEvent<Detail>`, read from the `CkEventMap`
 * interface in src/events/events.ts (the same map `emit()` and `GlobalEventHandlersEventMap` use).
 * A documented `ck-*` event that the map lacks fails the analysis: it is a typo or a missing entry.
 */
export function ckEventTypesPlugin({ eventsModule = 'src/events/events.ts', mapName = 'CkEventMap' } = {}) {
  /** @type {Map<string, string>} event name -> detail type text */
  const details = new Map();
  return {
    name: 'casekit-event-types',
    collectPhase({ ts, node }) {
      if (!ts.isInterfaceDeclaration(node) || node.name.text !== mapName) return;
      if (!node.getSourceFile().fileName.endsWith(eventsModule)) return;
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const name = ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : undefined;
        if (name) details.set(name, member.type.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      if (!details.size) throw new Error(`casekit-event-types: no ${mapName} interface found in ${eventsModule}`);
      for (const declaration of classes(customElementsManifest)) {
        for (const event of declaration.events ?? []) {
          if (!event.name?.startsWith('ck-')) continue;
          const detail = details.get(event.name);
          if (!detail) throw new Error(`${declaration.name} documents @fires ${event.name}, which ${mapName} in ${eventsModule} does not declare`);
          const text = `CustomEvent<${detail}>`;
          const start = text.indexOf(detail);
          // `references` lets tools link the detail type (module paths are made dist paths afterwards).
          const references = /^[A-Z]\w*$/.test(detail) ? [{ name: detail, package: '@casekit/elements', module: eventsModule, start, end: start + detail.length }] : [];
          event.type = { text, ...(references.length ? { references } : {}) };
        }
      }
    },
  };
}

/**
 * Element comments open with `@summary` followed by the long description, so the analyzer puts
 * the whole text in `summary`. Tools show `summary` as a one-liner (completion lists, hover
 * headings): keep its first paragraph there and move the rest to `description`.
 */
export function summaryParagraphPlugin() {
  return {
    name: 'casekit-summary-paragraph',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of classes(customElementsManifest)) {
        if (!declaration.summary) continue;
        const [first = '', ...rest] = declaration.summary.trim().split(/\n\s*\n/);
        declaration.summary = first.replace(/\s*\n\s*/g, ' ').trim();
        const more = rest.join('\n\n').trim();
        if (more) declaration.description = declaration.description ? `${more}\n\n${declaration.description}` : more;
      }
    },
  };
}

/**
 * Module paths point at what the package publishes: `dist/….js`, with the declarations beside it
 * in `typeDefinitionPath` (a field tools such as @wc-toolkit's read; the schema has none), instead
 * of the `src/….ts` the analyzer read. Every `module` reference (exports, inheritance, event detail
 * types) is rewritten the same way, so the manifest stays self-consistent.
 */
export function distPathsPlugin({ from = 'src/', to = 'dist/' } = {}) {
  const toDist = (path) => (path.startsWith(from) || path.startsWith(`/${from}`) ? path.replace(/^\//, '').replace(from, to).replace(/\.ts$/, '.js') : path);
  // Re-exports keep the specifier as written (`./events/events.js`): resolve it against the module.
  const resolveIn = (modulePath, path) => (path.startsWith('./') || path.startsWith('../') ? posix.join(posix.dirname(modulePath), path) : path);
  const rewrite = (value, modulePath) => {
    if (Array.isArray(value)) value.forEach((item) => rewrite(item, modulePath));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'module' && typeof inner === 'string') value[key] = toDist(resolveIn(modulePath, inner));
        else rewrite(inner, modulePath);
      }
    }
  };
  return {
    name: 'casekit-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const source = module.path;
        rewrite(module.declarations, source);
        rewrite(module.exports, source);
        module.path = toDist(source);
        if (module.path !== source) module.typeDefinitionPath = module.path.replace(/\.js$/, '.d.ts');
      }
    },
  };
}

/**
 * Adds `expandedType` (the field @wc-toolkit's and break-stuff's editor generators read) to
 * attributes and fields whose type is a string-literal alias declared in this package, e.g.
 * `CaseloadView` -> `'board' | 'list'`, so editors can offer the values. Aliases from other
 * packages (`Priority` from @casekit/core) need a type checker and are left as they are.
 */
export function literalAliasesPlugin() {
  /** @type {Map<string, string[] | null>} alias -> its parts (null: declared twice, ambiguous) */
  const aliases = new Map();
  const expand = (text, seen = new Set()) => {
    const parts = [];
    for (const raw of text.split('|')) {
      const part = raw.trim();
      if (/^(['"]).*\1$/.test(part) || part === 'undefined' || part === 'null') parts.push(part);
      else if (aliases.get(part) && !seen.has(part)) {
        const inner = expand(aliases.get(part).join(' | '), new Set([...seen, part]));
        if (!inner) return undefined;
        parts.push(...inner);
      } else return undefined;
    }
    return parts;
  };
  const annotate = (item) => {
    const text = item.type?.text;
    if (!text) return;
    const parts = expand(text);
    const expanded = parts?.join(' | ');
    if (expanded && expanded !== text) item.expandedType = { text: expanded };
  };
  return {
    name: 'casekit-literal-aliases',
    collectPhase({ ts, node }) {
      if (!ts.isTypeAliasDeclaration(node)) return;
      const members = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type];
      const parts = members.map((m) => (ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) ? `'${m.literal.text}'` : ts.isTypeReferenceNode(m) && ts.isIdentifier(m.typeName) && !m.typeArguments ? m.typeName.text : undefined));
      if (parts.some((p) => p === undefined)) return;
      const name = node.name.text;
      aliases.set(name, aliases.has(name) && aliases.get(name)?.join() !== parts.join() ? null : parts);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of classes(customElementsManifest)) {
        for (const attribute of declaration.attributes ?? []) annotate(attribute);
        for (const member of declaration.members ?? []) if (member.kind === 'field') annotate(member);
      }
    },
  };
}

function* classes(manifest) {
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) if (declaration.kind === 'class') yield declaration;
  }
}

// TypeDoc plugin: custom element classes documented as elements, not as HTMLElement subclasses.
//
// - `@fires`, `@slot`, `@csspart` and `@cssprop` (the tags the Custom Elements Manifest analyzer
//   reads) become one table each on the class page, instead of one "Fires" heading per event. An
//   event's row links its detail type, looked up in the `CkEventMap` interface when one is
//   documented (`@casekit/elements`).
// - An element comment opening with `@summary` (the manifest's convention) has that text shown as
//   the class description rather than under a "Summary" heading.
// - Members that come from outside the workspace — HTMLElement's ~300 and LitElement's lifecycle,
//   inherited or overridden (`render`, `updated`, `styles`…) — are dropped from element classes
//   (and interfaces such as `ManagerHost` that extend HTMLElement): they are the platform's and
//   Lit's API, documented there, and not part of casekit's.
//
// Loaded from the root `typedocOptions.plugin`; tag headings are named in `typedocOptions.locales`.
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/** Block tag -> the tag it is shown under and the table's column headings. */
const TABLES = {
  '@fires': { as: '@fires', columns: ['Event', 'Detail', 'Description'] },
  '@event': { as: '@fires', columns: ['Event', 'Detail', 'Description'] },
  '@slot': { as: '@slot', columns: ['Slot', 'Description'] },
  '@csspart': { as: '@csspart', columns: ['Part', 'Description'] },
  '@cssprop': { as: '@cssprop', columns: ['Property', 'Description'] },
  '@cssproperty': { as: '@cssprop', columns: ['Property', 'Description'] },
};
const EVENT_MAP = 'CkEventMap';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    const eventDetails = eventDetailTypes(project);
    for (const reflection of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
      if (!isCustomElement(reflection)) continue;
      dropPlatformMembers(project, reflection);
      if (reflection.kindOf(ReflectionKind.Class) && reflection.comment) {
        summaryFromSummaryTag(reflection.comment);
        tagsToTables(reflection.comment, eventDetails);
      }
    }
  });
}

/** A class or interface that extends (directly or not) HTMLElement. */
function isCustomElement(reflection) {
  const seen = new Set();
  const stack = [...(reflection.extendedTypes ?? [])];
  while (stack.length) {
    const type = stack.pop();
    if (type?.type !== 'reference' || seen.has(type.name)) continue;
    seen.add(type.name);
    if (['HTMLElement', 'LitElement', 'ReactiveElement'].includes(type.name)) return true;
    const target = type.reflection;
    if (target?.extendedTypes) stack.push(...target.extendedTypes);
  }
  return false;
}

/** Declared only in node_modules (lib.dom.d.ts, lit), whatever documented interface it came through. */
function definedOutside(reflection) {
  const sources = reflection.sources ?? [];
  return sources.length > 0 && sources.every((source) => /(^|\/)node_modules\//.test(source.fullFileName ?? source.fileName));
}

/** Does `type` (an `inheritedFrom` / `overwrites` reference) point at a member declared outside the workspace? */
function isForeign(type) {
  if (!type) return false;
  if (type.reflection) return definedOutside(type.reflection);
  return !type.package?.startsWith('@casekit/');
}

function dropPlatformMembers(project, reflection) {
  for (const child of [...(reflection.children ?? [])]) {
    if (child.kindOf(ReflectionKind.Constructor)) continue;
    const signatures = [...(child.signatures ?? []), child.getSignature, child.setSignature].filter(Boolean);
    const foreign =
      definedOutside(child) ||
      isForeign(child.inheritedFrom) ||
      isForeign(child.overwrites) ||
      signatures.some((s) => isForeign(s.inheritedFrom) || isForeign(s.overwrites));
    if (foreign) project.removeReflection(child);
  }
}

function summaryFromSummaryTag(comment) {
  const tag = comment.getTag('@summary');
  if (!tag) return;
  if (!Comment.combineDisplayParts(comment.summary).trim()) comment.summary = tag.content;
  comment.removeTags('@summary');
}

/** `CkEventMap`'s properties: event name -> the detail type's reflection (or its name). */
function eventDetailTypes(project) {
  const details = new Map();
  for (const map of project.getReflectionsByKind(ReflectionKind.Interface)) {
    if (map.name !== EVENT_MAP) continue;
    for (const property of map.children ?? []) {
      if (property.type?.type === 'reference') details.set(property.name, property.type.reflection ?? property.type.name);
    }
  }
  return details;
}

function tagsToTables(comment, eventDetails) {
  const rows = new Map(); // shown-as tag -> { columns, rows: CommentDisplayPart[][] }
  for (const tag of comment.blockTags) {
    const table = TABLES[tag.tag];
    if (!table) continue;
    const entry = rows.get(table.as) ?? { columns: table.columns, rows: [] };
    entry.rows.push(row(tag, table, eventDetails));
    rows.set(table.as, entry);
  }
  if (!rows.size) return;
  comment.blockTags = comment.blockTags.filter((tag) => !TABLES[tag.tag]);
  for (const [as, { columns, rows: body }] of rows) {
    const header = `| ${columns.join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |\n`;
    const content = [{ kind: 'text', text: header }];
    for (const cells of body) {
      content.push({ kind: 'text', text: '| ' });
      cells.forEach((cell, index) => {
        if (index) content.push({ kind: 'text', text: ' | ' });
        content.push(...cell);
      });
      content.push({ kind: 'text', text: ' |\n' });
    }
    comment.blockTags.push(new CommentTag(/** @type {`@${string}`} */ (as), content));
  }
}

/**
 * One table row from `@fires name - description` (TypeDoc keeps the whole line as content: the
 * first word is the name, then an optional " - "; `@slot - …` is the default slot).
 */
function row(tag, table, eventDetails) {
  const parts = tag.content.map((part) => ({ ...part, text: part.text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|') })); // one line per row; a pipe would end the cell
  const text = Comment.combineDisplayParts(parts);
  const match = /^\s*(?:-\s+|(\S+)(?:\s+-\s+|\s+|$))/.exec(text);
  const name = tag.name ?? match?.[1] ?? '';
  // Drop the name and the " - " from the front of the display parts, keeping any later markup.
  let skip = tag.name ? (/^\s*-\s+/.exec(text)?.[0].length ?? 0) : (match?.[0].length ?? 0);
  const description = [];
  for (const part of parts) {
    if (skip >= part.text.length) {
      skip -= part.text.length;
      continue;
    }
    description.push(skip ? { ...part, text: part.text.slice(skip) } : part);
    skip = 0;
  }
  const nameCell = [name ? { kind: 'code', text: `\`${name}\`` } : { kind: 'text', text: '(default)' }];
  if (table.columns.length === 2) return [nameCell, description];
  const detail = eventDetails.get(name);
  const detailCell = !detail ? [{ kind: 'text', text: '' }] : typeof detail === 'string' ? [{ kind: 'code', text: `\`${detail}\`` }] : [{ kind: 'inline-tag', tag: '@link', text: detail.name, target: detail }];
  return [nameCell, detailCell, description];
}

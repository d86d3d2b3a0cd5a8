// The TypeDoc plugin on a small element documented like casekit's (fixtures/element.ts): what a
// reader of the API reference sees on an element's page.
import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { Application, Comment, ReflectionKind, TSConfigReader, type DeclarationReflection, type ProjectReflection } from 'typedoc';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const plugin = fileURLToPath(new URL('./custom-element-docs.mjs', import.meta.url));

let project: ProjectReflection;
let element: DeclarationReflection;
const markdown = (tag: string) => Comment.combineDisplayParts(element.comment?.getTag(tag as `@${string}`)?.content ?? []);

before(async () => {
  // Only the fixture's tsconfig (and the tsdoc.json beside it) is read, not the workspace's options.
  const app = await Application.bootstrapWithPlugins(
    { entryPoints: [`${fixtures}element.ts`], tsconfig: `${fixtures}tsconfig.json`, plugin: [plugin], logLevel: 'Error', excludePrivate: true, sourceLinkTemplate: 'https://example.invalid/{path}#L{line}' },
    [new TSConfigReader()],
  );
  const converted = await app.convert();
  assert.ok(converted, 'typedoc converted the fixture');
  project = converted;
  const found = project.getChildByName('DemoElement');
  assert.ok(found && found.kindOf(ReflectionKind.Class));
  element = found as DeclarationReflection;
});

test('the element page lists its own members, not the ~300 it inherits from HTMLElement', () => {
  const names = (element.children ?? []).map((child) => child.name);
  assert.ok(names.includes('label') && names.includes('connectedCallback'), names.join());
  for (const inherited of ['addEventListener', 'innerHTML', 'ariaLabel', 'click', 'onclick', 'focus']) assert.ok(!names.includes(inherited), inherited);
  assert.ok(names.length < 10, `${names.length} members`);
});

test('@summary becomes the description', () => {
  assert.equal(element.comment?.getTag('@summary'), undefined);
  assert.match(Comment.combineDisplayParts(element.comment?.summary ?? []), /^A demo element, summarised\.\s+The long description\./);
});

test('@fires, @slot, @csspart and @cssprop become one table each', () => {
  assert.deepEqual(element.comment?.blockTags.map((tag) => tag.tag), ['@fires', '@slot', '@csspart', '@cssprop']);
  assert.equal(
    markdown('@fires'),
    '| Event | Detail | Description |\n| --- | --- | --- |\n' +
      '| `x-demo-open` | {@link DemoOpenDetail} | The user opened it. `detail: { id }`. |\n' +
      '| `x-demo-close` |  | Closed \\| done. |\n',
  );
  assert.equal(markdown('@slot'), '| Slot | Description |\n| --- | --- |\n| (default) | The content. |\n| `header` | The heading. |\n');
  assert.equal(markdown('@csspart'), '| Part | Description |\n| --- | --- |\n| `base` | The wrapper. |\n');
  assert.equal(markdown('@cssprop'), '| Property | Description |\n| --- | --- |\n| `--x-demo-color` | Text color. Default black. |\n');
});

test("an event's detail cell links the detail type from the CkEventMap interface", () => {
  const link = element.comment?.getTag('@fires')?.content.find((part) => part.kind === 'inline-tag');
  assert.ok(link && link.kind === 'inline-tag');
  assert.equal(link.target, project.getChildByName('DemoOpenDetail'));
});

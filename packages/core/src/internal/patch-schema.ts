import * as z from 'zod/mini';

type PatchShape<T extends z.core.$ZodShape> = {
  [K in keyof T]: z.ZodMiniOptional<T[K] extends z.core.$ZodDefault<infer Inner> ? Inner : T[K]>;
};

/**
 * A strict "patch" version of an object schema: every field optional and **no defaults**.
 *
 * `z.partial(schema)` is not enough in zod 4: a field with a default keeps applying it inside
 * `z.optional()`, so `{ name }` parsed by `z.partial(Input)` comes back with every defaulted field
 * reset (`languages: []`, `status: 'active'`, ...) and a merge `{ ...before, ...patch }` would silently
 * wipe them. Here defaults are unwrapped first, so a patch holds only what the caller sent.
 */
export function patchSchemaOf<T extends z.core.$ZodShape>(schema: z.ZodMiniObject<T>): z.ZodMiniObject<PatchShape<T>, z.core.$strict> {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const [key, field] of Object.entries<z.core.$ZodType>(schema.shape)) {
    // By its def rather than `instanceof`, so a classic zod default (same core) is unwrapped too.
    const inner = field._zod.def.type === 'default' ? (field as z.core.$ZodDefault)._zod.def.innerType : field;
    shape[key] = z.optional(inner);
  }
  return z.strictObject(shape) as unknown as z.ZodMiniObject<PatchShape<T>, z.core.$strict>;
}

/** Drops keys whose value is `undefined`, so a patch never clears a field by accident. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

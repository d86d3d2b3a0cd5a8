import * as z from 'zod';

type PatchShape<T extends z.ZodRawShape> = {
  [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]>;
};

/**
 * A strict "patch" version of an object schema: every field optional and **no defaults**.
 *
 * `schema.partial()` is not enough in zod 4: a field with `.default(x)` keeps applying its default
 * inside `.optional()`, so `{ name }` parsed by `Input.partial()` comes back with every defaulted field
 * reset (`languages: []`, `status: 'active'`, ...) and a merge `{ ...before, ...patch }` would silently
 * wipe them. Here defaults are unwrapped first, so a patch holds only what the caller sent.
 */
export function patchSchemaOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<PatchShape<T>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodObject<PatchShape<T>, z.core.$strict>;
}

/** Drops keys whose value is `undefined`, so a patch never clears a field by accident. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

import * as z from 'zod';
import { ValidationError } from '../errors/errors.js';
import { Id } from '../records/common.js';

/** Parses untrusted input at the edge; throws a ValidationError with field paths instead of a ZodError. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, prefix);
  return result.data;
}

/** A reference to the version a change is based on. Without a version a write would be a silent overwrite. */
export const VersionRefSchema = z.object({ id: Id, version: z.number().int().positive() });

/** The `{ id, version }` a change is based on; anything else (no version, null, a string) is a ValidationError at `ref`. */
export function parseRef(input: unknown, path: (string | number)[] = ['ref']): z.output<typeof VersionRefSchema> {
  return parse(VersionRefSchema, input, path);
}

export function parseId(input: unknown, path: (string | number)[] = ['id']): string {
  return parse(Id, input, path);
}

/** Optional options object: `undefined` means defaults; anything but an object is a ValidationError at `options`. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, path: (string | number)[] = ['options']): z.output<S> {
  return parse(schema, input ?? {}, path);
}

/** A reason a person gives for a change: trimmed, 1 to 2000 characters. */
export const ReasonSchema = z.string().trim().min(1, 'Give a reason').max(2000);

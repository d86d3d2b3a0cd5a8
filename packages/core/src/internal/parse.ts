import type { z } from 'zod';
import { ValidationError } from '../errors/errors.js';

/** Parses untrusted input at the edge; throws a ValidationError with field paths instead of a ZodError. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, prefix);
  return result.data;
}

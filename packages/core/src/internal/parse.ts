import * as z from 'zod/mini';
import { globalConfig } from 'zod/v4/core';
import english from 'zod/v4/locales/en.js';
import { ValidationError } from '../errors/errors.js';
import { Id } from '../records/common.js';

const englishError = english().localeError;

/**
 * zod/mini loads no locale, so without this every message would be "Invalid input". Passed per parse
 * (not through `z.config`, which would change the host's own zod): the host's `z.config` still wins
 * (its `customError`, or a locale it chose), exactly as it does for classic zod; English is the fallback.
 */
const PARSE_CONTEXT: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => messageOf(globalConfig.customError?.(issue)) ?? messageOf((globalConfig.localeError ?? englishError)(issue)),
};

function messageOf(result: ReturnType<z.core.$ZodErrorMap>): string | undefined {
  return typeof result === 'string' ? result : (result?.message ?? undefined);
}

/** `schema.safeParse(input)` with casekit's English messages: use it (or `parse`) wherever core validates. */
export function safeParse<S extends z.core.$ZodType>(schema: S, input: unknown): z.core.util.SafeParseResult<z.output<S>> {
  return z.safeParse(schema, input, PARSE_CONTEXT);
}

/** Parses untrusted input at the edge; throws a ValidationError with field paths instead of a ZodError. */
export function parse<S extends z.core.$ZodType>(schema: S, input: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = safeParse(schema, input);
  if (!result.success) throw ValidationError.fromZod(result.error, prefix);
  return result.data;
}

/** A reference to the version a change is based on. Without a version a write would be a silent overwrite. */
export const VersionRefSchema = z.object({ id: Id, version: z.number().check(z.int(), z.positive()) });

/** The `{ id, version }` a change is based on; anything else (no version, null, a string) is a ValidationError at `ref`. */
export function parseRef(input: unknown, path: (string | number)[] = ['ref']): z.output<typeof VersionRefSchema> {
  return parse(VersionRefSchema, input, path);
}

export function parseId(input: unknown, path: (string | number)[] = ['id']): string {
  return parse(Id, input, path);
}

/** Optional options object: `undefined` means defaults; anything but an object is a ValidationError at `options`. */
export function parseOptions<S extends z.core.$ZodType>(schema: S, input: unknown, path: (string | number)[] = ['options']): z.output<S> {
  return parse(schema, input ?? {}, path);
}

/** A reason a person gives for a change: trimmed, 1 to 2000 characters. */
export const ReasonSchema = z.string().check(z.trim(), z.minLength(1, 'Give a reason'), z.maxLength(2000));

import * as z from 'zod/mini';
import { Id } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';

/**
 * Work in progress that must survive a reload or a crash, such as an intake form being filled in.
 * Private to its owner; `data` is whatever JSON the widget needs to restore itself exactly.
 */
export const DraftSchema = z.extend(RecordMetaSchema, {
  ownerId: Id,
  /** What the draft is for, e.g. `intake:casekit-social-needs-intake`. */
  kind: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Case or client it belongs to, when there is one already. */
  caseId: z.optional(Id),
  clientId: z.optional(Id),
  data: z.json(),
});
export type Draft = z.infer<typeof DraftSchema>;

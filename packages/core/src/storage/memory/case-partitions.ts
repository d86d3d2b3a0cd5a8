import type { CaseRecord } from '../../case/case-schema.js';
import { NO_DUE_DATE } from '../case-query.js';
import type { StoredRecord } from '../storage-port.js';
import { EntryList, sortEntries } from './entry-list.js';

/**
 * Cases that share the values of some grouping fields, by due date (`caseSortKey` for `dueDate`, then
 * id). Priority is one of the fields, so within a partition the priority sort key is the due date too:
 * the list serves both sorts. Lists hold ids; keys are read from the stored case.
 */
export interface CasePartition {
  /** A case of the partition: every case in it has these values of the partition's fields. */
  readonly sample: Partial<CaseRecord>;
  readonly byDue: EntryList;
}

type Field = 'assigneeId' | 'status' | 'priority' | 'program' | 'riskLevel';

/** Partitions by a fixed set of fields. */
export class PartitionSet {
  readonly partitions = new Map<string, CasePartition>();

  constructor(
    private readonly fields: readonly Field[],
    private readonly dueOf: (id: string) => string,
  ) {}

  add(c: CaseRecord): void {
    this.partitionOf(c).byDue.insert(dueKey(c), c.id);
  }

  remove(c: CaseRecord): void {
    const key = this.keyOf(c);
    const partition = this.partitions.get(key);
    if (!partition) return;
    partition.byDue.delete(dueKey(c), c.id);
    if (!partition.byDue.size) this.partitions.delete(key);
  }

  rebuild(cases: readonly CaseRecord[]): void {
    this.partitions.clear();
    const members = new Map<CasePartition, CaseRecord[]>();
    for (const c of cases) {
      const partition = this.partitionOf(c);
      const list = members.get(partition);
      if (list) list.push(c);
      else members.set(partition, [c]);
    }
    for (const [partition, list] of members) {
      const sorted = sortEntries(list.map(dueKey), list.map((c) => c.id));
      partition.byDue.reset(sorted.keys, sorted.ids);
    }
  }

  private partitionOf(c: CaseRecord): CasePartition {
    const key = this.keyOf(c);
    let partition = this.partitions.get(key);
    if (!partition) {
      const sample = Object.fromEntries(this.fields.map((f) => [f, c[f]])) as Partial<CaseRecord>;
      partition = { sample, byDue: new EntryList(this.dueOf) };
      this.partitions.set(key, partition);
    }
    return partition;
  }

  // Regular cases have string fields (assignee: or none), so JSON of them is an unambiguous key.
  private keyOf(c: CaseRecord): string {
    return JSON.stringify(this.fields.map((f) => c[f] ?? null));
  }
}

/** `caseSortKey(c, 'dueDate')`, inlined: it is read on every comparison. */
const dueKey = (c: CaseRecord): string => c.nextContactDue ?? NO_DUE_DATE;

/** How many cases share all five grouping fields: grouped counts without touching a case. */
export interface CaseCombination {
  readonly sample: Partial<CaseRecord>;
  count: number;
}

/**
 * True for a case whose fields the partitions answer for exactly (what `CaseSchema` requires of them).
 * Other cases stay out of the partitions and counters; while any is stored, queries check every case.
 */
function isRegular(c: CaseRecord): boolean {
  const due = c.nextContactDue as unknown;
  return (
    typeof c.clientId === 'string' &&
    typeof c.status === 'string' &&
    typeof c.updatedAt === 'string' &&
    typeof c.program === 'string' &&
    typeof c.riskLevel === 'string' &&
    (c.assigneeId === undefined || typeof c.assigneeId === 'string') &&
    Array.isArray(c.needs) &&
    (due === undefined || due === null || (typeof due === 'string' && due.length > 0)) &&
    (c.priority === 'low' || c.priority === 'medium' || c.priority === 'high' || c.priority === 'urgent')
  );
}

const asCase = (record: StoredRecord) => record as unknown as CaseRecord;
const COMBINATION_FIELDS: readonly Field[] = ['assigneeId', 'status', 'priority', 'program', 'riskLevel'];

/**
 * The caseload's own indexes: partitions by assignee, status and priority (a board column), the same
 * without the assignee (queries across the team: 32 partitions rather than hundreds), and counters per
 * combination of the five grouping fields.
 */
export class CasePartitions {
  readonly byAssignee: PartitionSet;
  readonly byStatus: PartitionSet;
  readonly combinations = new Map<string, CaseCombination>();
  /** Stored cases that are not `isRegular`. */
  irregular = 0;

  constructor(private readonly table: Map<string, StoredRecord>) {
    const dueOf = (id: string) => dueKey(asCase(table.get(id)!));
    this.byAssignee = new PartitionSet(['assigneeId', 'status', 'priority'], dueOf);
    this.byStatus = new PartitionSet(['status', 'priority'], dueOf);
  }

  /** Adds a case that is already in the table. */
  add(record: StoredRecord): void {
    const c = asCase(record);
    if (!isRegular(c)) return void this.irregular++;
    this.byAssignee.add(c);
    this.byStatus.add(c);
    this.combinationOf(c).count++;
  }

  /** Removes a case that is still in the table. */
  remove(record: StoredRecord): void {
    const c = asCase(record);
    if (!isRegular(c)) return void this.irregular--;
    this.byAssignee.remove(c);
    this.byStatus.remove(c);
    const key = combinationKey(c);
    const combination = this.combinations.get(key);
    if (combination && --combination.count <= 0) this.combinations.delete(key);
  }

  /** Rebuilds everything from the table (big loads). */
  rebuild(): void {
    this.combinations.clear();
    const regular: CaseRecord[] = [];
    for (const record of this.table.values()) {
      const c = asCase(record);
      if (isRegular(c)) regular.push(c);
    }
    this.irregular = this.table.size - regular.length;
    for (const c of regular) this.combinationOf(c).count++;
    this.byAssignee.rebuild(regular);
    this.byStatus.rebuild(regular);
  }

  private combinationOf(c: CaseRecord): CaseCombination {
    const key = combinationKey(c);
    let combination = this.combinations.get(key);
    if (!combination) {
      combination = { sample: Object.fromEntries(COMBINATION_FIELDS.map((f) => [f, c[f]])) as Partial<CaseRecord>, count: 0 };
      this.combinations.set(key, combination);
    }
    return combination;
  }
}

const combinationKey = (c: CaseRecord) => JSON.stringify(COMBINATION_FIELDS.map((f) => c[f] ?? null));

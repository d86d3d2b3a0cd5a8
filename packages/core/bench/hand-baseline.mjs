// What a competent developer would write by hand for exactly the bench's queries: a Map of cases, a
// sorted array per (assignee, status) for each sort, count tables, and audit events per record sorted
// by time. It answers only those queries (no cursors, no other filters) and returns copies like the store.
const NO_DUE = '9999-12-31';
const URGENCY = { urgent: 0, high: 1, medium: 2, low: 3 };
const byDue = (a, b) => cmp(a.nextContactDue ?? NO_DUE, b.nextContactDue ?? NO_DUE) || cmp(a.id, b.id);
const byPriority = (a, b) => URGENCY[a.priority] - URGENCY[b.priority] || byDue(a, b);
const byAt = (a, b) => cmp(a.at, b.at) || cmp(a.id, b.id);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Binary search: first position whose element is not before `item` under `compare`. */
function lowerBound(array, item, compare) {
  let lo = 0;
  let hi = array.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(array[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class HandBaseline {
  cases = new Map();
  due = new Map(); // `${assignee}|${status}` -> cases sorted by due date
  priority = new Map(); // same, sorted by urgency then due
  openDue = new Map(); // assignee -> open cases sorted by due date
  statusCounts = new Map(); // assignee -> status -> count
  audit = new Map(); // recordId -> events sorted by (at, id)
  constructor(openStatuses) {
    this.open = new Set(openStatuses);
  }

  loadCases(records) {
    for (const record of records) this.cases.set(record.id, structuredClone(record));
    for (const c of this.cases.values()) this.#add(c, false);
    for (const lists of [this.due, this.openDue]) for (const list of lists.values()) list.sort(byDue);
    for (const list of this.priority.values()) list.sort(byPriority);
  }

  loadAudit(events) {
    for (const event of events) {
      const copy = structuredClone(event);
      for (const id of new Set([copy.recordId, ...(copy.recordIds ?? [])])) push(this.audit, id, copy);
    }
    for (const list of this.audit.values()) list.sort(byAt);
  }

  /** A single case update: replace it in the Map and move it in each sorted array. */
  updateCase(record) {
    const before = this.cases.get(record.id);
    if (before) this.#remove(before);
    const copy = structuredClone(record);
    this.cases.set(copy.id, copy);
    this.#add(copy, true);
  }

  boardPage(assignee, status, sort, limit) {
    const list = (sort === 'priority' ? this.priority : this.due).get(`${assignee}|${status}`) ?? [];
    return list.slice(0, limit).map((c) => structuredClone(c));
  }

  openPage(assignee, limit) {
    return (this.openDue.get(assignee) ?? []).slice(0, limit).map((c) => structuredClone(c));
  }

  openCountsByStatus(assignee) {
    const counts = {};
    for (const [status, n] of this.statusCounts.get(assignee) ?? []) if (this.open.has(status) && n) counts[status] = n;
    return counts;
  }

  openCountsByAssignee() {
    const counts = {};
    for (const [assignee, statuses] of this.statusCounts) {
      let n = 0;
      for (const [status, k] of statuses) if (this.open.has(status)) n += k;
      if (n) counts[assignee] = n;
    }
    return counts;
  }

  auditNewest(recordId, limit) {
    const list = this.audit.get(recordId) ?? [];
    return list.slice(Math.max(0, list.length - limit)).reverse().map((e) => structuredClone(e));
  }

  auditCount(recordId) {
    return this.audit.get(recordId)?.length ?? 0;
  }

  #add(c, sorted) {
    const key = `${c.assigneeId ?? ''}|${c.status}`;
    insert(this.due, key, c, byDue, sorted);
    insert(this.priority, key, c, byPriority, sorted);
    if (this.open.has(c.status)) insert(this.openDue, c.assigneeId ?? '', c, byDue, sorted);
    const counts = this.statusCounts.get(c.assigneeId ?? '') ?? new Map();
    this.statusCounts.set(c.assigneeId ?? '', counts);
    counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  }

  #remove(c) {
    const key = `${c.assigneeId ?? ''}|${c.status}`;
    remove(this.due.get(key), c, byDue);
    remove(this.priority.get(key), c, byPriority);
    if (this.open.has(c.status)) remove(this.openDue.get(c.assigneeId ?? ''), c, byDue);
    const counts = this.statusCounts.get(c.assigneeId ?? '');
    counts.set(c.status, counts.get(c.status) - 1);
  }
}

function push(map, key, item) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function insert(map, key, item, compare, sorted) {
  if (!sorted) return push(map, key, item);
  const list = map.get(key) ?? [];
  map.set(key, list);
  list.splice(lowerBound(list, item, compare), 0, item);
}

function remove(list, item, compare) {
  const at = lowerBound(list, item, compare);
  if (list[at]?.id === item.id) list.splice(at, 1);
}

// The correlation `condition` map: gt, gte, lt, lte, eq, neq — several at once make a range
// (`gt: 100` and `lte: 200` is "101 to 200") — plus `field` and, for value_percentile, `percentile`.
import { CONDITION_OPERATORS, type ConditionOperator, type MetricCondition } from './model.ts';

const OPERATOR_SET: ReadonlySet<string> = new Set(CONDITION_OPERATORS);

export function isConditionOperator(key: string): key is ConditionOperator {
  return OPERATOR_SET.has(key);
}

export function holds(condition: MetricCondition, value: number): boolean {
  for (const { op, value: bound } of condition.criteria) {
    if (!compare(op, value, bound)) return false;
  }
  return true;
}

export function compare(op: ConditionOperator, value: number, bound: number): boolean {
  switch (op) {
    case 'gt':
      return value > bound;
    case 'gte':
      return value >= bound;
    case 'lt':
      return value < bound;
    case 'lte':
      return value <= bound;
    case 'eq':
      return value === bound;
    case 'neq':
      return value !== bound;
  }
}

/** "gte 10", "gt 100 and lte 200": how alerts and reports name a condition. */
export function describeCondition(condition: MetricCondition): string {
  return condition.criteria.map((c) => `${c.op} ${c.value}`).join(' and ');
}

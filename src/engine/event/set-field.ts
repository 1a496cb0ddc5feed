// One field written as a record's own property, whatever its name.

/**
 * Writes `value` as the record's own `field`: `record.__proto__ = value` would set its prototype
 * (or, for a text, do nothing) rather than hold the field.
 */
export function setField<V>(record: { [field: string]: V }, field: string, value: V): void {
  if (field === '__proto__')
    Object.defineProperty(record, field, { value, enumerable: true, writable: true, configurable: true });
  else record[field] = value;
}

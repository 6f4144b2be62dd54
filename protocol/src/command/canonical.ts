/**
 * Canonical JSON: the exact bytes that get signed. Keys sorted by UTF-16 code units at every
 * level, no whitespace, strings and numbers as `JSON.stringify` writes them (RFC 8785's rules for
 * the values this protocol uses). Two parties that agree on the value agree on the bytes, whatever
 * order the fields arrived in.
 *
 * Refuses what has no single canonical form: non-finite numbers, `undefined` inside arrays,
 * functions, symbols, bigints, and objects that are not plain.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'] }) // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item) => {
            if (item === undefined) throw new TypeError('canonicalJson: undefined in an array');
            return canonicalJson(item);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: not a plain object');
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

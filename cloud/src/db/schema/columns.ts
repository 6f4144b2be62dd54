import { datetime, varchar } from 'drizzle-orm/mysql-core';

/** Ids are prefixed, time-ordered strings (see `ids.ts`): `org_01JD…`. */
export const idColumn = (name: string) => varchar(name, { length: 32 });

/** Millisecond UTC timestamps; the pool runs with `timezone: 'Z'`. */
export const at = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

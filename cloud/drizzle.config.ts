import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate -w cloud`) and applied by the
// runtime migrator at start-up. Never `push`/`pull`: they break on MariaDB JSON columns.
export default defineConfig({
  dialect: 'mysql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});

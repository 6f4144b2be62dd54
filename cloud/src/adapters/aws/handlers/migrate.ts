import { migrateDatabase } from '../../../db/client';
import { awsHost } from '../deps';

// Run once per deployment by the CDK (a trigger after the database is up, again whenever this
// bundle — which carries the migrations — changes). Idempotent: applied migrations are skipped.
export const handler = async (): Promise<{ migrated: true }> => {
  const { deps } = awsHost();
  deps.log.info('applying database migrations');
  await migrateDatabase(deps.db);
  deps.log.info('database migrations applied');
  return { migrated: true };
};

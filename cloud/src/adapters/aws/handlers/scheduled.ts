import { awsDeps, awsHost } from '../deps';
import { scheduledHandler, type ScheduledJobName } from '../scheduled';

// EventBridge schedules: one function per job, each pointing at its export. Each returns only
// once the work it deferred (notifications handed to their queue) has finished.
const deps = awsDeps();
const job = (name: ScheduledJobName) => awsHost().deferred.settlesDeferred(scheduledHandler(deps, name));
export const offline = job('offline');
export const retention = job('retention');
export const commands = job('commands');
export const alerts = job('alerts');

import { awsDeps } from '../deps';
import { scheduledHandler } from '../scheduled';

// EventBridge schedules: one function per job, each pointing at its export.
const deps = awsDeps();
export const offline = scheduledHandler(deps, 'offline');
export const retention = scheduledHandler(deps, 'retention');

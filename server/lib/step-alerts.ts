// SHIM (data-floor move in progress): the alerts a step write enqueues in its own transaction.
// The notify helper replaces this with the real function (over db/queries/notify.ts).
export { enqueueStepAlerts, type StepAlertInput } from '../features/notify/notify.service.js';

import { setTimeout as sleep } from 'node:timers/promises';
import { startHttpReceiver, startSmtpSink } from '../../cloud/test/support/receivers';
import { Stack } from '../src/stack';

/**
 * Alert delivery latency on the real 3-node lab: the weekend fault (node3 restarted with an empty
 * gcomm://) is injected, and the clock runs until the Slack receiver (a real HTTP server standing
 * in for hooks.slack.com) is hit with the split-brain page; the email's arrival at a real SMTP
 * sink is timed too. TRIALS trials, default notification policy. Target: Slack p95 ≤ 5 s.
 *
 * "Injected" = the moment mariadbd is started with the empty address (as in detection.bench.ts).
 * The path measured: agent poll → batch → ingest → assessment (confirmed on the second poll) →
 * alert evaluation in the same transaction → outbox → notify queue → Slack.
 */
const TRIALS = Number(process.env.BENCH_TRIALS ?? 10);
const isSplitPage = (body: string) => /CRITICAL: Split brain on [^"]* \(node3\)/.test(body);

const slack = await startHttpReceiver();
const sink = await startSmtpSink();
const stack = await Stack.start({
  polling: { stateIntervalMs: 1000, sampleIntervalMs: 10_000 },
  notifications: { smtpUrl: sink.url, allowPrivateTargets: true },
  log: (l) => console.error(`  ${l}`),
});
const slackLatencies: number[] = [];
const emailLatencies: number[] = [];
try {
  await stack.addChannel({ type: 'slack', name: '#db-oncall', url: `${slack.url}/services/T0/B0/bench` });
  await stack.addChannel({ type: 'email', name: 'On-call', to: ['oncall@example.com'] });
  await stack.waitForHealth('healthy', { timeoutMs: 90_000 });
  for (let trial = 1; trial <= TRIALS; trial++) {
    await stack.stopForSplit('node3');

    const slackHit = slack.next((r) => isSplitPage(r.body));
    const mailHit = sink.next((m) => /CRITICAL: Split brain/.test(m.subject));
    const injectedAt = Date.now();
    await stack.lab.start('node3', { args: ['--wsrep-cluster-address=gcomm://'], wait: 'none' });
    const page = await within(slackHit, 'Slack page');
    const mail = await within(mailHit.then(() => Date.now()), 'email');
    slackLatencies.push(page.at - injectedAt);
    emailLatencies.push(mail - injectedAt);
    console.log(
      `trial ${String(trial).padStart(2)}: Slack hit ${((page.at - injectedAt) / 1000).toFixed(2)} s, email ${((mail - injectedAt) / 1000).toFixed(2)} s after the fault`,
    );

    await stack.repairSplitNode('node3');
    await sleep(1_000);
  }
} finally {
  await stack.stop();
  await slack.close();
  await sink.close();
}
/** The promise's value, or an error after 60 s (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within 60 s`)), 60_000)))]);
  } finally {
    clearTimeout(timer);
  }
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(
  `alert latency over ${slackLatencies.length} trials: Slack p50 ${s(pct(slackLatencies, 50))} s, p95 ${s(pct(slackLatencies, 95))} s, ` +
    `max ${s(Math.max(...slackLatencies))} s (target p95 ≤ 5 s); email p50 ${s(pct(emailLatencies, 50))} s, p95 ${s(pct(emailLatencies, 95))} s`,
);

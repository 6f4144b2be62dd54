import { fixtureObservations } from './galera-fixtures';
import { assessCluster, type Assessment, type AssessmentMemory, type Health, type NodeObservation } from '../../src/core/galera/index';
import { ManualClock } from '../../src/ports/clock';
import { evaluateAlerts, type EvaluateInput } from '../../src/core/alerts/evaluate';
import type { GroupNotification } from '../../src/core/alerts/grouping';
import { DEFAULT_POLICY, effectiveSettings, type RuleOverride } from '../../src/core/alerts/rules';
import { RULE_CODES, type AlertInstance, type GroupState, type NodeConfig, type NotificationPolicy, type RuleCode, type RuleSettings, type Silence } from '../../src/core/alerts/types';

/**
 * Drives the pure engine the way the jobs do — assess, evaluate, keep what it returns — on a
 * hand-moved clock, recording every notification. Test support only.
 */
export class EngineHarness {
  readonly clock = new ManualClock(1_800_000_000_000);
  readonly notifications: Array<GroupNotification & { at: number }> = [];
  alerts: AlertInstance[] = [];
  group: GroupState = { seq: 0, pendingSince: null, lastNotifiedAt: null };
  policy: NotificationPolicy = { ...DEFAULT_POLICY };
  silences: Silence[] = [];
  configs = new Map<string, NodeConfig>();
  metrics = new Map<string, Partial<Record<'flow_control_paused' | 'recv_queue' | 'cert_failures_per_s', number>>>();
  nodesUnderOperation = new Set<string>();
  overrides: Partial<Record<RuleCode, RuleOverride>> = {};
  nextEvalAt: number | null = null;
  expectedSize = 3;
  #memory: AssessmentMemory = {};
  #health: Health = 'unknown';
  #pollSeq = 0;
  #ids = 0;
  #last: { observations: NodeObservation[]; assessment: Assessment } | undefined;

  settings(): Record<RuleCode, RuleSettings> {
    return Object.fromEntries(RULE_CODES.map((r) => [r, effectiveSettings(r, this.overrides[r])])) as Record<RuleCode, RuleSettings>;
  }

  /** One poll of a captured scenario (each call is the next poll), assessed and evaluated. */
  poll(fixture: string): this {
    this.#pollSeq += 1;
    const observations = fixtureObservations(fixture, { pollSeq: this.#pollSeq, observedAt: this.clock.now() });
    return this.observe(observations);
  }

  observe(observations: NodeObservation[], assessment?: Assessment): this {
    let a = assessment;
    if (!a) {
      const out = assessCluster({ expectedSize: this.expectedSize, nodes: observations, memory: this.#memory, previousHealth: this.#health, now: this.clock.now() });
      this.#memory = out.memory;
      this.#health = out.assessment.health;
      a = out.assessment;
    }
    this.#last = { observations, assessment: a };
    return this.evaluate();
  }

  /** Evaluates again on the last data (what the scheduled job does when time passes). */
  evaluate(extra: Partial<EvaluateInput> = {}): this {
    if (!this.#last) throw new Error('observe something first');
    const out = evaluateAlerts({
      cluster: { id: 'clu_1', name: 'shop', expectedSize: this.expectedSize },
      assessment: this.#last.assessment,
      observations: this.#last.observations,
      agents: [],
      configs: this.configs,
      metrics: this.metrics,
      nodesUnderOperation: this.nodesUnderOperation,
      silences: this.silences,
      settings: this.settings(),
      policy: this.policy,
      group: this.group,
      existing: this.alerts,
      now: this.clock.now(),
      newId: () => `alr_${++this.#ids}`,
      ...extra,
    });
    // As the store does: resolved alerts whose resolution is notified (or never needed) are history.
    this.alerts = out.alerts.filter((a) => a.state !== 'resolved' || a.notifiedState === 'firing');
    this.group = out.group;
    this.nextEvalAt = out.nextEvalAt;
    if (out.notification) this.notifications.push({ ...out.notification, at: this.clock.now() });
    return this;
  }

  /** Moves the clock, evaluating at every due moment on the way (the scheduled job). */
  advance(ms: number): this {
    const end = this.clock.now() + ms;
    while (this.nextEvalAt !== null && this.nextEvalAt <= end) {
      this.clock.set(Math.max(this.clock.now(), this.nextEvalAt));
      this.evaluate();
    }
    this.clock.set(end);
    return this;
  }

  active(rule?: RuleCode): AlertInstance[] {
    return this.alerts.filter((a) => a.state !== 'resolved' && (!rule || a.rule === rule));
  }

  firing(rule?: RuleCode): AlertInstance[] {
    return this.active(rule).filter((a) => a.state === 'firing');
  }
}

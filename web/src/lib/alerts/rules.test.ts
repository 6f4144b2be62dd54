import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertRule } from '../api/types';
import { parseThreshold, settingSource, sourceWords } from './rules';

function rule(over: Partial<AlertRule>): AlertRule {
  const settings = { enabled: true, severity: 'warning' as const, forSeconds: 60, keepFiringForSeconds: 300, threshold: 100 };
  return {
    rule: 'recv_queue_high',
    title: 'Receive queue high',
    description: '',
    scope: 'node',
    kind: 'metric',
    metric: { name: 'wsrep_local_recv_queue', unit: 'write-sets' },
    defaults: settings,
    organization: null,
    cluster: null,
    effective: settings,
    ...over,
  } as AlertRule;
}

test('settingSource: the most specific override that sets the setting', () => {
  assert.equal(settingSource(rule({}), 'enabled'), 'defaults');
  assert.equal(settingSource(rule({ organization: { enabled: false } }), 'enabled'), 'organization');
  assert.equal(settingSource(rule({ organization: { enabled: false } }), 'threshold'), 'defaults');
  assert.equal(settingSource(rule({ organization: { threshold: 5 }, cluster: { threshold: 7 } }), 'threshold'), 'cluster');
  assert.equal(settingSource(rule({ organization: { threshold: 5 }, cluster: { enabled: true } }), 'threshold'), 'organization');
  // enabled: false is a setting, not an absence
  assert.equal(settingSource(rule({ cluster: { enabled: false } }), 'enabled'), 'cluster');
});

test('sourceWords: one word when shared, else each non-default setting', () => {
  assert.equal(sourceWords(rule({})), 'Default');
  assert.equal(sourceWords(rule({ organization: { enabled: true, severity: 'critical', threshold: 1 } })), 'Organization');
  assert.equal(sourceWords(rule({ cluster: { enabled: false } })), 'on/off: this cluster');
  assert.equal(
    sourceWords(rule({ organization: { threshold: 5 }, cluster: { enabled: false } })),
    'on/off: this cluster · threshold: organization',
  );
  // A rule without a threshold: only on/off and severity count.
  const state = rule({ kind: 'state', defaults: { enabled: true, severity: 'critical', forSeconds: 0, keepFiringForSeconds: 0 } });
  state.effective = state.defaults;
  state.cluster = { enabled: false, severity: 'info' };
  assert.equal(sourceWords(state), 'This cluster');
});

test('parseThreshold: as the API checks it', () => {
  assert.deepEqual(parseThreshold('recv_queue_high', 12), { value: 12 });
  assert.deepEqual(parseThreshold('recv_queue_high', ' 0 '), { value: 0 });
  assert.deepEqual(parseThreshold('recv_queue_high', ''), { error: 'Give a number.' });
  assert.deepEqual(parseThreshold('recv_queue_high', undefined), { error: 'Give a number.' });
  assert.deepEqual(parseThreshold('recv_queue_high', 'abc'), { error: 'Give a number.' });
  assert.deepEqual(parseThreshold('recv_queue_high', -1), { error: 'The threshold cannot be negative.' });
  assert.deepEqual(parseThreshold('flow_control_paused', 0.5), { value: 0.5 });
  assert.deepEqual(parseThreshold('flow_control_paused', 1.5), { error: 'A fraction of time: from 0 to 1.' });
  assert.deepEqual(parseThreshold('recv_queue_high', 1.5), { value: 1.5 });
});

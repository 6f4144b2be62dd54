import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SigningPublicKey } from '@quorum/protocol';
import { keyForAgent, pinnedAfter, trustUpdateFor } from './signing-keys';

const key = (id: string): SigningPublicKey => ({ keyId: id, algorithm: 'ed25519', publicKey: 'AAAA' });
const [NEW, OLD] = [key('ed25519-new'), key('ed25519-old')];

test('sign with the active key when pinned, else the newest unretired key the agent pins', () => {
  assert.equal(keyForAgent(['ed25519-old', 'ed25519-new'], [NEW, OLD]), 'ed25519-new');
  assert.equal(keyForAgent(['ed25519-old'], [NEW, OLD]), 'ed25519-old');
  assert.equal(keyForAgent(null, [NEW, OLD]), undefined);
});

test('rotation: an agent pinning only the old key gets the new one, signed by the old one', () => {
  assert.deepEqual(trustUpdateFor(['ed25519-old'], [NEW, OLD], []), { add: [NEW], retire: [], signWith: 'ed25519-old' });
  assert.equal(trustUpdateFor(['ed25519-old', 'ed25519-new'], [NEW, OLD], []), null);
});

test('retirement: the retired key is retired on agents, signed with a key they keep', () => {
  assert.deepEqual(trustUpdateFor(['ed25519-old', 'ed25519-new'], [NEW], ['ed25519-old']), { add: [], retire: ['ed25519-old'], signWith: 'ed25519-new' });
  // Behind on both: learns the new key and forgets the old one in one update, signed by the old.
  assert.deepEqual(trustUpdateFor(['ed25519-old'], [NEW], ['ed25519-old']), { add: [NEW], retire: ['ed25519-old'], signWith: 'ed25519-old' });
  assert.equal(trustUpdateFor(['ed25519-stranger'], [NEW], ['ed25519-old']), null, 'nothing it would believe');
  assert.deepEqual(pinnedAfter(['ed25519-old'], { add: [NEW], retire: ['ed25519-old'] }), ['ed25519-new']);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_TYPES_PATH, generateApiTypes } from '../scripts/api-types';

// The portal's typed client is only as true as these types: a route that changes shape must
// come with `npm run api:generate -w web` (and then fails svelte-check where a page misuses it).
test('the committed API types match a fresh generation from the OpenAPI document', async () => {
  const committed = readFileSync(API_TYPES_PATH, 'utf8');
  const fresh = await generateApiTypes();
  assert.ok(committed === fresh, 'web/src/lib/api/schema.d.ts is out of date with the API: run `npm run api:generate -w web` and commit it');
});

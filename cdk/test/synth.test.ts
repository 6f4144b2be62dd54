import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase } from '../../cloud/test/support/test-db';

const CDK_DIR = fileURLToPath(new URL('..', import.meta.url));
const CDK_CLI = fileURLToPath(new URL('../../node_modules/aws-cdk/bin/cdk', import.meta.url));

// The real `cdk synth`, as a deployer (or CI) runs it: the CLI, bin/app.ts, the committed context,
// and the local esbuild bundling every Lambda — with no AWS credentials and no network.
test('`cdk synth` works offline without credentials: all stacks, every Lambda bundled by the local esbuild', async () => {
  const out = mkdtempSync(join(tmpdir(), 'quorum-cdk-out-'));
  try {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AWS_') && !k.startsWith('CDK_') && !k.startsWith('QUORUM_')) env[k] = v;
    Object.assign(env, {
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      QUORUM_ACCOUNT: '123456789012',
      QUORUM_REGION: 'eu-west-1',
      QUORUM_EMAIL_DOMAIN: 'quorum.example.com',
      QUORUM_EMAIL_FROM: 'alerts@quorum.example.com',
    });
    const run = spawnSync(process.execPath, [CDK_CLI, 'synth', '--quiet', '--no-notices', '--no-version-reporting', '--output', out], {
      cwd: CDK_DIR,
      env,
      encoding: 'utf8',
      timeout: 540_000,
    });
    assert.equal(run.status, 0, `cdk synth failed:\n${run.stdout}\n${run.stderr}`);

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([name]) => name).sort();
    assert.deepEqual(stacks, ['quorum-api', 'quorum-data', 'quorum-email', 'quorum-web']);

    const template = JSON.parse(readFileSync(join(out, 'quorum-api.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Metadata?: Record<string, string> }> };
    const bundles = Object.entries(template.Resources)
      .filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !id.startsWith('AWSCDK'))
      .map(([id, r]) => ({ id, dir: join(out, r.Metadata?.['aws:asset:path'] ?? 'missing') }));
    assert.equal(bundles.length, 8); // http, websocket, queue consumer, offline, commands, alerts, retention, migrate
    for (const { id, dir } of bundles) {
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      assert.ok(code.length > 10_000, `${id}: bundled`);
      assert.ok(!/from\s*"@aws-sdk\//.test(code), `${id}: the AWS SDK is inside the bundle, at the tested version`);
      assert.ok(existsSync(join(dir, 'migrations', 'meta', '_journal.json')), `${id}: migrations beside the bundle`);
    }
    await runBundles(Object.fromEntries(bundles.map((b) => [b.id.replace(/Function[0-9A-F]{8}$/, ''), b.dir])));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/**
 * The bundles run as Lambda would load them (ESM, CommonJS dependencies through the banner's
 * require, migrations found beside the module), in a child process of their own (their pools
 * live for the process, as in a Lambda container): the migration function migrates an empty
 * database, then the HTTP function answers a health check from it.
 */
async function runBundles(dirs: Record<string, string>): Promise<void> {
  const db = await createTestDatabase('cdk_bundle');
  try {
    const [tables] = await db.pool.query('SHOW TABLES');
    for (const row of tables as Array<Record<string, string>>) await db.pool.query(`DROP TABLE \`${Object.values(row)[0]}\``);
    const script = `
      const migrate = await import(${JSON.stringify(pathToFileURL(join(dirs.Migrate as string, 'index.mjs')).href)});
      const http = await import(${JSON.stringify(pathToFileURL(join(dirs.Http as string, 'index.mjs')).href)});
      const migrated = await migrate.handler();
      const health = await http.handler({ version: '2.0', routeKey: '$default', rawPath: '/api/v1/health', rawQueryString: '',
        headers: { host: 'quorum.example.com' }, isBase64Encoded: false,
        requestContext: { http: { method: 'GET', path: '/api/v1/health', protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'curl' },
          stage: '$default', domainName: 'quorum.example.com', requestId: 'r', routeKey: '$default', timeEpoch: Date.now() } }, {});
      process.stdout.write(JSON.stringify({ migrated, status: health.statusCode, body: health.body }));
      process.exit(0);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-west-1',
        DATABASE_URL: db.url,
        QUORUM_PUBLIC_URL: 'https://quorum.example.com',
        QUORUM_AGENT_WEBSOCKET_URL: 'wss://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
        WEBSOCKET_MANAGEMENT_ENDPOINT: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
        KMS_SIGNING_KEY_IDS: 'alias/quorum-command-signing',
        QUORUM_SECRETS_KMS_KEY_ID: 'alias/quorum-channel-secrets',
        LOG_LEVEL: 'error',
      },
    });
    assert.equal(run.status, 0, `running the bundles failed:\n${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(run.stdout) as { migrated: unknown; status: number; body: string };
    assert.deepEqual(result.migrated, { migrated: true });
    assert.equal(result.status, 200, result.body);
    const [after] = await db.pool.query("SHOW TABLES LIKE 'queue_inbox'");
    assert.equal((after as unknown[]).length, 1, 'the bundled migrations created the tables');
  } finally {
    await db.drop();
  }
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Match } from 'aws-cdk-lib/assertions';
import { DEFAULT_PROPS } from '../lib/config';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize, TEST_ENV, TEST_PROPS } from './support';

const { web, email } = synthesize();

test('the portal bucket is private, encrypted, TLS-only and retained; its logical id is pinned', () => {
  assert.deepEqual(Object.keys(web.findResources('AWS::S3::Bucket')), ['PortalBucketF34416C0']);
  web.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  web.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  });
  assert.match(JSON.stringify(web.findResources('AWS::S3::BucketPolicy')), /"aws:SecureTransport":"false"/);
  web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', Match.anyValue());
});

test('CloudFront serves the SPA with a deep-link fallback, proxies /api/* uncached, and adds security headers', () => {
  web.hasResourceProperties('AWS::CloudFront::Distribution', {
    DistributionConfig: Match.objectLike({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: Match.objectLike({
        ViewerProtocolPolicy: 'redirect-to-https',
        FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
      }),
      CacheBehaviors: [
        Match.objectLike({
          PathPattern: '/api/*',
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      ],
    }),
  });
  const dist = JSON.stringify(web.findResources('AWS::CloudFront::Distribution'));
  assert.ok(!dist.includes('CustomErrorResponses'), 'no error-page fallback that would rewrite API errors');
  const fn = JSON.stringify(web.findResources('AWS::CloudFront::Function'));
  assert.match(fn, /index\.html/);
  assert.match(fn, /x-quorum-viewer-ip'\] = \{ value: event\.viewer\.ip \}/, 'the viewer address is stamped by CloudFront, overwriting the viewer’s own');
  web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
    ResponseHeadersPolicyConfig: Match.objectLike({
      SecurityHeadersConfig: Match.objectLike({
        StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ContentTypeOptions: { Override: true },
        ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'") }),
      }),
    }),
  });
});

test('the API origin carries the origin secret as a dynamic reference (never its value); only the HTTP function may read it', () => {
  const dist = web.findResources('AWS::CloudFront::Distribution');
  const origins = (Object.values(dist)[0] as any).Properties.DistributionConfig.Origins as any[];
  const api = origins.find((o) => o.CustomOriginConfig);
  const header = api.OriginCustomHeaders.find((h: any) => h.HeaderName === 'x-quorum-origin-secret');
  assert.match(JSON.stringify(header.HeaderValue), /resolve:secretsmanager:/);
  const { api: apiStack } = synthesize();
  apiStack.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'quorum/cloudfront-origin', GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) });
  const readers = Object.entries(apiStack.findResources('AWS::IAM::Policy')).filter(([, p]) => JSON.stringify(p).includes('OriginSecret'));
  assert.equal(readers.length, 1);
  assert.match(readers[0]![0], /^Http/);
  const fns = apiStack.findResources('AWS::Lambda::Function');
  const withArn = Object.keys(fns).filter((id) => JSON.stringify((fns[id] as any).Properties.Environment ?? {}).includes('QUORUM_ORIGIN_SECRET_ARN'));
  assert.equal(withArn.length, 1);
  assert.match(withArn[0]!, /^Http/);
});

test('SES: a domain identity with DKIM, and SMTP credentials that may only send from the alert address', () => {
  assert.ok(email);
  email.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'quorum.example.com' });
  email.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        {
          Action: 'ses:SendRawEmail',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ses:${TEST_ENV.region}:${TEST_ENV.account}:identity/quorum.example.com`]] },
          Condition: { StringEquals: { 'ses:FromAddress': 'alerts@quorum.example.com' } },
        },
      ],
    },
  });
  email.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'quorum/smtp' });
});

test('without an email domain there is no email stack and no SMTP settings', () => {
  const { email: none, api } = synthesize({ ...DEFAULT_PROPS, env: TEST_ENV });
  assert.equal(none, undefined);
  assert.ok(!JSON.stringify(api.toJSON()).includes('SMTP_HOST'));
});

test('a custom domain gets its certificate and TLS 1.2 or later', () => {
  const { web: custom } = synthesize({
    ...DEFAULT_PROPS,
    env: TEST_ENV,
    domain: { name: 'app.quorum.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e' },
  });
  custom.hasResourceProperties('AWS::CloudFront::Distribution', {
    DistributionConfig: Match.objectLike({
      Aliases: ['app.quorum.example.com'],
      ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
    }),
  });
});

test('with a built portal and agent package: the package is published at /downloads/, and a portal upload never prunes it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-cdk-assets-'));
  try {
    const portal = join(dir, 'portal');
    const packages = join(dir, 'packages');
    mkdirSync(portal);
    mkdirSync(packages);
    writeFileSync(join(portal, 'index.html'), '<!doctype html>');
    writeFileSync(join(packages, 'quorum-agent_0.1.0_all.deb'), 'deb');
    const { web: withAssets } = synthesize({ ...TEST_PROPS, portalAssetsPath: portal, agentPackagesPath: packages });
    withAssets.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'downloads/', Prune: false, Include: ['quorum-agent_*_all.deb'], Exclude: ['*'], DistributionPaths: ['/downloads/*'] });
    const portalUpload = Object.values(withAssets.findResources('Custom::CDKBucketDeployment')).find((r: any) => r.Properties.DestinationBucketKeyPrefix === undefined) as any;
    assert.ok(portalUpload, 'the portal upload');
    assert.deepEqual(portalUpload.Properties.Exclude, ['downloads/*']);
    assert.notEqual(portalUpload.Properties.Prune, false, 'the portal upload still prunes its own old files');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

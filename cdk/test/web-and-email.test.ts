import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Match } from 'aws-cdk-lib/assertions';
import { DEFAULT_PROPS } from '../lib/config';
import { synthesize, TEST_ENV } from './support';

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
        }),
      ],
    }),
  });
  const dist = JSON.stringify(web.findResources('AWS::CloudFront::Distribution'));
  assert.ok(!dist.includes('CustomErrorResponses'), 'no error-page fallback that would rewrite API errors');
  const fn = JSON.stringify(web.findResources('AWS::CloudFront::Function'));
  assert.match(fn, /index\.html/);
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

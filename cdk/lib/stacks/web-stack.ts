import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { QuorumDeploymentProps } from '../config';

export interface WebStackProps extends StackProps {
  deployment: QuorumDeploymentProps;
  /** `{api-id}.execute-api.{region}.amazonaws.com`: the HTTP API, served under /api/*. */
  httpApiDomain: string;
  /**
   * Sent to the API with every /api/* request, beside the viewer's address that a CloudFront
   * Function stamps: the API trusts that address only with this secret (direct calls to the
   * execute-api endpoint cannot forge it).
   */
  originSecret: secretsmanager.ISecret;
}

/**
 * CloudFront in front of everything a browser loads: the portal (a static SPA in a private S3
 * bucket, read through origin access control) and, under `/api/*`, the HTTP API — one origin, so
 * the session cookie is first-party and `__Host-` prefixed. Deep links of the SPA are rewritten to
 * `/index.html` by a CloudFront Function on the portal behavior only (an error-page fallback would
 * also turn the API's 404s into HTML). Every response carries security headers.
 */
export class WebStack extends Stack {
  readonly distribution: cloudfront.Distribution;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const d = props.deployment;
    this.bucket = new s3.Bucket(this, 'PortalBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${d.name}-security-headers`,
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
          override: true,
        },
      },
    });
    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for portal routes (paths without a file extension)',
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (!/\\.[a-zA-Z0-9]+$/.test(r.uri)) { r.uri = '/index.html'; } return r; }",
      ),
    });

    // Overwrites whatever the viewer sent: the value is always CloudFront's own view of the caller.
    const stampViewer = new cloudfront.Function(this, 'StampViewerAddress', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Stamp the viewer IP on API requests (per-IP rate limits)',
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; r.headers['x-quorum-viewer-ip'] = { value: event.viewer.ip }; return r; }",
      ),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${d.name} portal and API`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // With a custom domain, TLS 1.2+ only; CloudFront's own *.cloudfront.net certificate cannot be restricted.
      ...(d.domain
        ? {
            domainNames: [d.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', d.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.httpApiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            // A dynamic reference: the value is resolved by CloudFormation, never in the template.
            customHeaders: { 'x-quorum-origin-secret': props.originSecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          functionAssociations: [{ function: stampViewer, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });

    if (d.portalAssetsPath) {
      new s3deploy.BucketDeployment(this, 'PortalDeployment', {
        sources: [s3deploy.Source.asset(d.portalAssetsPath)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        // The agent's package lives beside the portal; a portal upload must not prune it.
        exclude: ['downloads/*'],
      });
    }
    if (d.agentPackagesPath) {
      // What the Agents page links to: https://<portal>/downloads/quorum-agent_<version>_all.deb.
      new s3deploy.BucketDeployment(this, 'AgentPackageDeployment', {
        sources: [s3deploy.Source.asset(d.agentPackagesPath)],
        destinationBucket: this.bucket,
        destinationKeyPrefix: 'downloads/',
        exclude: ['*'],
        include: ['quorum-agent_*_all.deb'],
        prune: false,
        distribution: this.distribution,
        distributionPaths: ['/downloads/*'],
      });
    }
    new CfnOutput(this, 'PortalUrl', { value: d.domain ? `https://${d.domain.name}` : `https://${this.distribution.distributionDomainName}` });
    new CfnOutput(this, 'PortalBucketName', { value: this.bucket.bucketName });
  }
}

/**
 * Generated from the API's OpenAPI document (cloud/src/app.ts → GET /api/v1/openapi.json) by
 * `npm run api:generate -w web`. Do not edit: web/test/api-types.test.ts fails when this file
 * differs from a fresh generation.
 */

export type paths = {
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s agents, revoked ones included */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The agents */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: components["schemas"]["Agent"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an agent (admin): its live connections are closed and it can no longer connect */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The revoked agent */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Agent"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade an enrollment token for an agent identity (called by `quorum-agent enroll`)
         * @description Unauthenticated: the enrollment token in the body is the credential. A rejected token answers 401 `enrollment_rejected` with `details.reason` = unknown | expired | used_up | revoked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hostname: string;
                        publicKey: string;
                        token: string;
                        version: string;
                    };
                };
            };
            responses: {
                /** @description Enrolled: pin `signingKeys`, then connect to `websocketUrl` */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            orgId: string;
                            signingKeys: {
                                /** @enum {string} */
                                algorithm: "ed25519" | "ecdsa-p256";
                                keyId: string;
                                publicKey: string;
                            }[];
                            websocketUrl: string;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited (`Retry-After` tells when to retry) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The alert rules: defaults, the organization’s overrides and (with ?clusterId=) a cluster’s, and what applies */
        get: {
            parameters: {
                query?: {
                    clusterId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: components["schemas"]["AlertRule"][];
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules/{rule}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Override a rule’s settings for the organization or one cluster (admin); fields not given keep what applies now */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A rule code (GET /alert-rules lists them) */
                    rule: "split_brain" | "no_primary" | "agent_offline" | "size_below_expected" | "node_unreachable" | "node_non_primary" | "node_not_synced" | "config_cluster_address" | "config_bootstrap" | "config_ignore_sb" | "config_flush_log" | "two_node_no_arbitrator" | "flow_control_paused" | "recv_queue_high" | "cert_failures_high";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Override for this cluster only; omit for the whole organization */
                        clusterId?: string;
                        enabled?: boolean;
                        forSeconds?: number;
                        keepFiringForSeconds?: number;
                        /** @enum {string} */
                        severity?: "info" | "warning" | "critical";
                        /** @description Threshold rules only (flow_control_paused: a fraction 0–1) */
                        threshold?: number;
                    };
                };
            };
            responses: {
                /** @description The rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertRule"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove the organization’s (or with ?clusterId= a cluster’s) override of a rule (admin). Idempotent. */
        delete: {
            parameters: {
                query?: {
                    clusterId?: string;
                };
                header?: never;
                path: {
                    /** @description A rule code (GET /alert-rules lists them) */
                    rule: "split_brain" | "no_primary" | "agent_offline" | "size_below_expected" | "node_unreachable" | "node_non_primary" | "node_not_synced" | "config_cluster_address" | "config_bootstrap" | "config_ignore_sb" | "config_flush_log" | "two_node_no_arbitrator" | "flow_control_paused" | "recv_queue_high" | "cert_failures_high";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts, newest first: state, severity, since, cluster and node, cause */
        get: {
            parameters: {
                query?: {
                    /** @description `nextBefore` of the previous page */
                    before?: string;
                    clusterId?: string;
                    limit?: number;
                    /** @description Only alerts of this severity */
                    severity?: "info" | "warning" | "critical";
                    /** @description `active` (default): pending and firing, acknowledged included */
                    state?: "active" | "pending" | "firing" | "acknowledged" | "resolved" | "all";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of alerts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: components["schemas"]["Alert"][];
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert, with the notifications that named it (channel, when, result) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The alert */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertDetail"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a firing alert (operator): someone is on it; it is no longer repeated. Idempotent. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description The acknowledged alert */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/silence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Silence an alert for a while, with a reason (operator): it stays visible but is not notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description At most 30 days */
                        durationMinutes: number;
                        /**
                         * @description `alert` (default): this rule on this node; `node`: every alert of the node; `cluster`: every alert of the cluster
                         * @default alert
                         * @enum {string}
                         */
                        matching?: "alert" | "node" | "cluster";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description The silence */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Silence"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s API tokens, revoked ones included (admin; secrets are never shown again) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiTokens: components["schemas"]["ApiToken"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token (admin); the secret is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Omit for a token that never expires */
                        expiresInDays?: number;
                        /** @example terraform */
                        name: string;
                        /**
                         * @description At most your own role; defaults to viewer (least privilege)
                         * @default viewer
                         * @enum {string}
                         */
                        role?: "viewer" | "operator" | "admin" | "owner";
                    };
                };
            };
            responses: {
                /** @description The token */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiToken"] & {
                            /** @description `qrm_…`: shown once, store it now */
                            token: string;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token (admin); it stops working at once. Idempotent. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first (admin): every change and every command, by whom */
        get: {
            parameters: {
                query?: {
                    /** @description `nextBefore` of the previous page: entries older than this one */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["AuditEntry"][];
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description At most 5 failures per email and 20 per IP in 15 minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @example ann@example.com
                         */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed in; the session cookie is set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited (`Retry-After` tells when to retry) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session (the row is deleted, the cookie cleared) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the user, their memberships and the active organization */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an organization and its owner — or, with an invitation, join its organization — and sign in
         * @description With `invitationToken`: only the invited email may sign up with it (403); an unknown, expired, used or revoked invitation is 404 with `details.reason` (failures rate-limited per IP, 429).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @example ann@example.com
                         */
                        email: string;
                        /**
                         * @description Join the inviting organization with the invited role instead of creating one; the email must be the invited one
                         * @example qri_3q2-7wEvXyZaQ0N8r1VbCk5m2UoTj6sLdHgFe9pYw4x
                         */
                        invitationToken?: string;
                        /**
                         * @description The new organization (not with invitationToken)
                         * @example Acme Retail
                         */
                        organization?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed up; the session cookie is set */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited (`Retry-After` tells when to retry) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/switch-organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make another organization the session’s active one (you must be a member) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orgId: string;
                    };
                };
            };
            responses: {
                /** @description The caller, now in that organization */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bootstrap-plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bootstrap plan: the evidence gathered so far, then the chosen node and why (or why not) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BootstrapPlan"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every cluster with its health, nodes and active alert counts, worst health first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The clusters */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusters: components["schemas"]["ClusterSummary"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One cluster: live Galera state of each node, the assessment (findings, components, split brain) and its active alerts counted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cluster */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClusterDetail"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{id}/bootstrap-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan a bootstrap after a full outage (admin): gather every node’s recovered position, choose the node
         * @description Nodes that answer SQL give their live state; every other node is sent a recover-position command. The plan is `gathering` until all have answered (poll `GET /bootstrap-plans/{id}`), then `ready` — the most advanced node (highest seqno; a tie goes to safe_to_bootstrap: 1) and the exact bootstrap-cluster request to confirm — or `refused`: a node is Primary, the state UUIDs disagree (a person must choose), a zero UUID, or a node without a position.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan (maybe still gathering) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BootstrapPlan"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cluster’s timeline, newest first, in pages */
        get: {
            parameters: {
                query?: {
                    /** @description `nextBefore` of the previous page: events older than this one */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: components["schemas"]["ClusterEvent"][];
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{id}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cluster’s operations and their steps, newest first, in pages */
        get: {
            parameters: {
                query?: {
                    /** @description `nextBefore` of the previous page */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of operations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextBefore: string | null;
                            operations: components["schemas"]["Operation"][];
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Ask for a cluster-wide operation: bootstrap-cluster (admin), collect-diagnostics, rolling-restart (operator)
         * @description The command is signed at once (5-minute lifetime) and sent to the agent watching the cluster, or delivered when it connects. A rolling restart is driven by the control plane: one node at a time, only while every node is Synced in the Primary component. With the organization policy `bootstrapRequiresApproval`, a bootstrap waits (`awaiting_approval`) for a different admin. 409 `precondition_failed` when the telemetry shows it unsafe (e.g. a bootstrap while a node is Primary).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @example restart-node
                         * @enum {string}
                         */
                        action: "rolling-restart" | "start-node" | "stop-node" | "restart-node" | "rejoin-node" | "bootstrap-cluster" | "recover-position" | "kill-query" | "set-global-variable" | "collect-diagnostics";
                        /** @description The action’s parameters (see the protocol’s ACTIONS); checked against its schema, every bad field named */
                        params?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The operation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Operation"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first: which channel, when, result */
        get: {
            parameters: {
                query?: {
                    alertId?: string;
                    /** @description `nextBefore` of the previous page */
                    before?: string;
                    channelId?: string;
                    limit?: number;
                    state?: "pending" | "sending" | "delivered" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: components["schemas"]["Delivery"][];
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every attempt (status, error, duration) and the alerts it named */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeliveryDetail"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s enrollment tokens with their state (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enrollmentTokens: components["schemas"]["EnrollmentToken"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an enrollment token for `quorum-agent enroll` (admin); the secret is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description At most 7 days
                         * @default 60
                         */
                        expiresInMinutes?: number;
                        /**
                         * @description How many agents may enroll with it
                         * @default 1
                         */
                        maxUses?: number;
                    };
                };
            };
            responses: {
                /** @description The token */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrollmentToken"] & {
                            /** @description `qre_…`: shown once */
                            token: string;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an enrollment token (admin); agents already enrolled with it stay. Idempotent. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the API answers and tells its clock */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The API is up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Milliseconds since the Unix epoch (UTC)
                             * @example 1795000000000
                             */
                            serverTime: number;
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What an invitation link offers: the organization, the invited email and the role (public)
         * @description The token in the path is the credential. 404 `not_found` with `details.reason` = unknown | expired | accepted | revoked; at most 20 such failures per IP in 15 minutes, then 429.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The invitation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationPreview"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited (`Retry-After` tells when to retry) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation while signed in: join its organization with its role, and switch the session to it
         * @description Only the invited email may accept (403 otherwise). 404 with `details.reason` for an unknown, expired, used or revoked invitation (failures rate-limited per IP), 409 when already a member.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example qri_3q2-7wEvXyZaQ0N8r1VbCk5m2UoTj6sLdHgFe9pYw4x */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description The caller, now in the organization joined */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited (`Retry-After` tells when to retry) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time series of one node (at most 31 days; at most 2,000 points per series) */
        get: {
            parameters: {
                query: {
                    /** @description Start, ms since the epoch (inclusive) */
                    from?: number;
                    /** @description Comma-separated: queries_per_s, connections, threads_running, slow_queries_per_s, aborted_connects_per_s, bytes_received_per_s, bytes_sent_per_s, innodb_row_lock_waits_per_s, innodb_buffer_pool_reads_per_s, uptime_s, flow_control_paused, flow_control_sent_per_s, flow_control_recv_per_s, recv_queue, send_queue, cert_failures_per_s, bf_aborts_per_s, replicated_bytes_per_s, received_bytes_per_s, commits_per_s, cert_deps_distance, replication_latency_s, last_committed */
                    names: string;
                    /** @description Bucket width in ms (averaged); raised if it would give more than 2000 points */
                    step?: number;
                    /** @description End, ms since the epoch (exclusive) */
                    to?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One series per requested name, in the order asked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NodeMetrics"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for an operation on one node: start/stop/restart/rejoin-node, kill-query (operator); recover-position, set-global-variable (admin)
         * @description Signed at once (5-minute lifetime) and sent to the agent watching the node, or delivered when it connects. 409 `precondition_failed` when the telemetry shows it unsafe (e.g. stopping the last Synced node).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @example restart-node
                         * @enum {string}
                         */
                        action: "rolling-restart" | "start-node" | "stop-node" | "restart-node" | "rejoin-node" | "bootstrap-cluster" | "recover-position" | "kill-query" | "set-global-variable" | "collect-diagnostics";
                        /** @description The action’s parameters (see the protocol’s ACTIONS); checked against its schema, every bad field named */
                        params?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The operation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Operation"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s notification channels (secrets masked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The channels */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: components["schemas"]["NotificationChannel"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add an email, Slack or webhook channel (admin). A webhook’s signing secret is in this response only. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewNotificationChannel"];
                };
            };
            responses: {
                /** @description The channel */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationChannel"] & {
                            /** @description webhook: `whsec_…`, shown once — store it now */
                            signingSecret?: string;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notification channel (secrets masked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The channel */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationChannel"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a notification channel (admin); its delivery log stays */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a notification channel (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        /** @enum {string} */
                        minSeverity?: "info" | "warning" | "critical";
                        name?: string;
                        /**
                         * @description webhook channels: a new secret, returned in this response only
                         * @enum {boolean}
                         */
                        rotateSigningSecret?: true;
                        /** @description email channels */
                        to?: string[];
                        /** @description slack and webhook channels */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description The channel */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationChannel"] & {
                            signingSecret?: string;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/notification-channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test notification to the channel now (admin), even if it is disabled; one attempt, logged as a delivery */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description What happened (a failure to deliver is still a 200: read `delivered`) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestSendResult"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How alerts are grouped into notifications (per cluster) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The policy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPolicy"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Change how alerts are grouped into notifications (admin); fields not given keep their value */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        groupIntervalSeconds?: number;
                        groupWaitSeconds?: number;
                        repeatIntervalSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description The policy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPolicy"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One operation: state, progress, result or error, and a rolling restart’s steps */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The operation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Operation"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a command awaiting approval (an admin or owner other than the one who asked)
         * @description Under the organization policy `bootstrapRequiresApproval`. The preconditions are checked again, then the command is signed with `approvedBy` in its envelope and delivered. 403 for the requester themselves; 409 when it is not awaiting approval.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The approved, signed operation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Operation"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an operation (the role that may ask for it)
         * @description Not yet delivered: cancelled, and never sent. Possibly delivered or running: the agent is sent a signed cancel-command and its report decides the outcome. A rolling restart stops before its next step (its running step is cancelled too). 409 when finished.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The operation after the cancellation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Operation"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The active organization and your role in it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The organization */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Organization"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations: not accepted, revoked or expired (admin; links are never shown again) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The pending invitations, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitations: components["schemas"]["Invitation"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite someone to the organization with a role (admin); the link is in this response only
         * @description The invitation is for that email only, works once, and expires after 7 days. 409 when the email is already a member or already has a pending invitation.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @example ann@example.com
                         */
                        email: string;
                        /**
                         * @description Only an owner may invite an owner; defaults to viewer
                         * @default viewer
                         * @enum {string}
                         */
                        role?: "viewer" | "operator" | "admin" | "owner";
                    };
                };
            };
            responses: {
                /** @description The invitation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invitation"] & {
                            /** @description Whether the link was also emailed to the invitee (copy it from here either way) */
                            emailed: boolean;
                            /** @description Why it was not emailed (e.g. email is not configured) */
                            emailError?: string;
                            /** @description `qri_…`: shown once */
                            token: string;
                            /** @description The link to send: `<portal>/invitations/<token>` */
                            url: string;
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invitation (admin); its link stops working at once. Idempotent.
         * @description 409 when it was already accepted: remove the member instead.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of the active organization, in the order they joined (any role may read) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The members */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: components["schemas"]["Member"][];
                        };
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member (admin), or leave the organization yourself (any role)
         * @description Their sessions in this organization end, and the API tokens, pending invitations and unused enrollment tokens they made in it are revoked, at once (enrolled agents keep working). Only an owner may remove an owner (403); the last owner can be neither removed nor leave (409, `details.reason` = last_owner).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member’s role (admin); it applies to their sessions and API tokens at once
         * @description Only an owner may make someone an owner or change an owner’s role (403); the last owner cannot be demoted (409, `details.reason` = last_owner).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description owner > admin > operator > viewer
                         * @enum {string}
                         */
                        role: "viewer" | "operator" | "admin" | "owner";
                    };
                };
            };
            responses: {
                /** @description The member now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict (`conflict`), or a Galera precondition does not hold (`precondition_failed`, `details.refusal` = {code, message, evidence}) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/organization/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s rules for operations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The policy (defaults if never set) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationPolicy"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Set the organization’s rules for operations (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bootstrapRequiresApproval: boolean;
                    };
                };
            };
            responses: {
                /** @description The policy now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationPolicy"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 64 KB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Silences and maintenance windows, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description `current` (default): not ended yet (active or scheduled); `all`: history too */
                    include?: "current" | "all";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The silences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            silences: components["schemas"]["Silence"][];
                        };
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a silence or a maintenance window (operator) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clusterId?: string;
                        /** @description At most 30 days */
                        durationMinutes: number;
                        /**
                         * @description `maintenance`: a known backup or work window — a Donor/desynced node in it is not an incident
                         * @default silence
                         * @enum {string}
                         */
                        kind?: "silence" | "maintenance";
                        nodeId?: string;
                        reason: string;
                        /** @enum {string} */
                        rule?: "split_brain" | "no_primary" | "agent_offline" | "size_below_expected" | "node_unreachable" | "node_non_primary" | "node_not_synced" | "config_cluster_address" | "config_bootstrap" | "config_ignore_sb" | "config_flush_log" | "two_node_no_arbitrator" | "flow_control_paused" | "recv_queue_high" | "cert_failures_high";
                        /**
                         * @description Default: now
                         * @example 1795000000000
                         */
                        startsAt?: number;
                    };
                };
            };
            responses: {
                /** @description The silence */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Silence"];
                    };
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body not sent as application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/silences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a silence or maintenance window now (operator); it stays in the history. Idempotent. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ended */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON (`invalid_json`) or a field failed validation (`validation_failed`, the message names each field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid session or API token (`unauthenticated`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The role is too weak (`forbidden`), or a cookie request without a JSON content type (`csrf_rejected`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found — also what another organization’s object looks like */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description The cluster’s active alerts, counted (`GET /alerts?clusterId=` lists them) */
        ActiveAlertCounts: {
            /** @description Firing, and someone took it */
            acknowledged: number;
            /** @description Firing alerts (acknowledged included) by severity */
            bySeverity: {
                critical: number;
                info: number;
                warning: number;
            };
            /** @description Firing, not acknowledged: someone must look */
            firing: number;
            /** @description The condition holds, waiting for the rule’s `for` before it fires */
            pending: number;
        };
        Agent: {
            connected: boolean;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            enrolledAt: number;
            hostname: string;
            id: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            lastSeenAt: number | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            revokedAt: number | null;
            version: string;
        };
        Alert: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            acknowledgedAt: number | null;
            acknowledgedBy: string | null;
            cause: string | null;
            clusterId: string;
            clusterName: string | null;
            details: {
                [key: string]: unknown;
            };
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            firedAt: number | null;
            id: string;
            /** @description The fingerprint of the cluster-level alert that explains it (not notified on its own) */
            inhibitedBy: string | null;
            nodeId: string | null;
            /** @description The node(s) the alert names — for a split brain, the rogue side */
            nodeNames: string[];
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            resolvedAt: number | null;
            /**
             * @description A rule code (GET /alert-rules lists them)
             * @enum {string}
             */
            rule: "split_brain" | "no_primary" | "agent_offline" | "size_below_expected" | "node_unreachable" | "node_non_primary" | "node_not_synced" | "config_cluster_address" | "config_bootstrap" | "config_ignore_sb" | "config_flush_log" | "two_node_no_arbitrator" | "flow_control_paused" | "recv_queue_high" | "cert_failures_high";
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            /** @description The silence or maintenance window holding its notifications back */
            silencedBy: string | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            startedAt: number;
            /**
             * @description `acknowledged`: firing, and someone took it
             * @enum {string}
             */
            state: "pending" | "firing" | "acknowledged" | "resolved";
            summary: string;
            title: string;
        };
        AlertDetail: components["schemas"]["Alert"] & {
            deliveries: {
                attempts: number;
                channelId: string;
                channelName: string | null;
                /** @enum {string|null} */
                channelType: "email" | "slack" | "webhook" | null;
                /**
                 * @description Milliseconds since the Unix epoch (UTC)
                 * @example 1795000000000
                 */
                createdAt: number;
                /**
                 * @description Milliseconds since the Unix epoch (UTC)
                 * @example 1795000000000
                 */
                deliveredAt: number | null;
                /** @description The delivery id (also sent to the receiver) */
                id: string;
                lastError: string | null;
                /** @enum {string} */
                state: "pending" | "sending" | "delivered" | "failed";
                /** @enum {string} */
                status: "firing" | "resolved" | "test";
            }[];
        };
        AlertRule: {
            cluster: components["schemas"]["RuleOverride"] & unknown;
            defaults: components["schemas"]["RuleSettings"];
            description: string;
            effective: components["schemas"]["RuleSettings"] & unknown;
            /** @enum {string} */
            kind: "state" | "config" | "metric";
            metric?: {
                name: string;
                unit: string;
            };
            organization: components["schemas"]["RuleOverride"];
            /**
             * @description A rule code (GET /alert-rules lists them)
             * @enum {string}
             */
            rule: "split_brain" | "no_primary" | "agent_offline" | "size_below_expected" | "node_unreachable" | "node_non_primary" | "node_not_synced" | "config_cluster_address" | "config_bootstrap" | "config_ignore_sb" | "config_flush_log" | "two_node_no_arbitrator" | "flow_control_paused" | "recv_queue_high" | "cert_failures_high";
            /** @enum {string} */
            scope: "cluster" | "node";
            title: string;
        };
        ApiToken: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            createdBy: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            expiresAt: number | null;
            id: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            lastUsedAt: number | null;
            name: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            revokedAt: number | null;
            /**
             * @description owner > admin > operator > viewer
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin" | "owner";
        };
        Assessment: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            assessedAt: number;
            components: components["schemas"]["Component"][];
            findings: components["schemas"]["Finding"][];
            /** @enum {string} */
            health: "healthy" | "degraded" | "split_brain" | "no_primary" | "unknown";
            splitBrain: {
                causes: string[];
                components: components["schemas"]["Component"][];
                confirmed: boolean;
                majority: components["schemas"]["Component"];
                /** @description The component(s) that split off: the rogue Primary */
                rogue: components["schemas"]["Component"][];
                /**
                 * @description Milliseconds since the Unix epoch (UTC)
                 * @example 1795000000000
                 */
                since: number;
            } | null;
            summary: string;
        } | null;
        AuditEntry: {
            /** @description `<resource>.<verb>`: session.login, api_token.create, command.create, command.approve, command.cancel, command.finish, … */
            action: string;
            actor: {
                id: string;
                /** @enum {string} */
                kind: "user" | "api_token" | "agent" | "system";
            };
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            at: number;
            details?: unknown;
            id: string;
            requestId: string | null;
            target: {
                id: string;
                type: string;
            };
        };
        BootstrapPlan: {
            clusterId: string;
            /** @description The exact request that runs this plan */
            confirm: {
                body: {
                    /** @enum {string} */
                    action: "bootstrap-cluster";
                    params: {
                        bootstrapNodeId: string;
                        expectedStateUuid: string;
                        positions: {
                            nodeId: string;
                            seqno: number;
                            uuid: string;
                        }[];
                    };
                };
                /** @enum {string} */
                method: "POST";
                path: string;
            } | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            createdBy: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            deadlineAt: number;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            decidedAt: number | null;
            decision: {
                chosenNodeId?: string;
                chosenNodeName?: string;
                nodeIds?: string[];
                params?: {
                    bootstrapNodeId: string;
                    expectedStateUuid: string;
                    positions: {
                        nodeId: string;
                        seqno: number;
                        uuid: string;
                    }[];
                };
                reason: string;
                /** @enum {string} */
                refusal?: "primary_exists" | "missing_position" | "zero_uuid" | "uuid_mismatch";
                /** @enum {string} */
                verdict: "ready" | "refused";
            } | null;
            evidence: {
                clusterStatus: string | null;
                /** @description The recover-position command that asked */
                commandId: string | null;
                error: string | null;
                nodeId: string;
                nodeName: string;
                /** @description Whether anything could be learned about the node */
                reachable: boolean;
                running: boolean | null;
                /** @description grastate.dat safe_to_bootstrap */
                safeToBootstrap: boolean | null;
                seqno: number | null;
                /** @enum {string|null} */
                source: "grastate" | "wsrep-recover" | "live" | null;
                uuid: string | null;
            }[];
            id: string;
            /**
             * @description gathering: waiting for recovered positions; ready: a node was chosen; refused: see decision.reason
             * @enum {string}
             */
            state: "gathering" | "ready" | "refused";
        };
        ClusterDetail: {
            alerts: components["schemas"]["ActiveAlertCounts"];
            assessment: components["schemas"]["Assessment"];
            expectedSize: number;
            /**
             * @description Worst first: split_brain, no_primary, degraded, unknown, healthy
             * @enum {string}
             */
            health: "healthy" | "degraded" | "split_brain" | "no_primary" | "unknown";
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            healthSince: number;
            id: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            lastSeenAt: number | null;
            name: string;
            nodeCount: number;
            nodes: components["schemas"]["NodeDetail"][];
            /** @description More than one is a split brain */
            primaryComponents: number;
            summary: string;
            /** @description Fresh nodes that are Synced in a Primary component */
            syncedCount: number;
        };
        ClusterEvent: {
            clusterId: string;
            data?: unknown;
            id: string;
            message: string;
            nodeId: string | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            occurredAt: number;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            type: string;
        };
        ClusterSummary: {
            alerts: components["schemas"]["ActiveAlertCounts"];
            expectedSize: number;
            /**
             * @description Worst first: split_brain, no_primary, degraded, unknown, healthy
             * @enum {string}
             */
            health: "healthy" | "degraded" | "split_brain" | "no_primary" | "unknown";
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            healthSince: number;
            id: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            lastSeenAt: number | null;
            name: string;
            nodeCount: number;
            nodes: components["schemas"]["NodeSummary"][];
            /** @description More than one is a split brain */
            primaryComponents: number;
            summary: string;
            /** @description Fresh nodes that are Synced in a Primary component */
            syncedCount: number;
        };
        Component: {
            confId: string | null;
            /** @enum {string} */
            kind: "primary" | "non_primary" | "unreachable" | "unknown";
            memberAddresses: string[];
            nodeIds: string[];
            nodeNames: string[];
            size: number | null;
            stateUuid: string | null;
        };
        Delivery: {
            attempts: number;
            channelId: string;
            /** @description null once the channel was deleted */
            channelName: string | null;
            /** @enum {string|null} */
            channelType: "email" | "slack" | "webhook" | null;
            clusterId: string | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            deliveredAt: number | null;
            /** @description The delivery id: deterministic per (alert group notification, channel); receivers get it too */
            id: string;
            /** @enum {string} */
            kind: "alerts" | "test";
            lastError: string | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            nextAttemptAt: number | null;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            /**
             * @description pending (a retry is scheduled), sending, delivered, failed
             * @enum {string}
             */
            state: "pending" | "sending" | "delivered" | "failed";
            /** @enum {string} */
            status: "firing" | "resolved" | "test";
            title: string;
        };
        DeliveryDetail: components["schemas"]["Delivery"] & {
            alertIds: string[];
            attemptLog: {
                /**
                 * @description Milliseconds since the Unix epoch (UTC)
                 * @example 1795000000000
                 */
                at: number;
                attempt: number;
                durationMs: number;
                error: string | null;
                /** @enum {string} */
                outcome: "delivered" | "retry" | "failed";
                statusCode: number | null;
            }[];
        };
        EnrollmentToken: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            createdBy: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            expiresAt: number;
            id: string;
            maxUses: number;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            revokedAt: number | null;
            /** @enum {string} */
            state: "active" | "expired" | "used_up" | "revoked";
            uses: number;
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_json" | "validation_failed" | "unauthenticated" | "enrollment_rejected" | "forbidden" | "csrf_rejected" | "not_found" | "method_not_allowed" | "conflict" | "precondition_failed" | "gone" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "unavailable";
                details?: unknown;
                message: string;
                requestId?: string;
            };
        };
        Finding: {
            /** @description split_brain, split_brain_suspected, rogue_primary_only, no_primary, node_unreachable, … */
            code: string;
            evidence?: {
                [key: string]: unknown;
            };
            message: string;
            nodeIds: string[];
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
        };
        Invitation: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            /** @description The user who invited (an API token counts as its creator) */
            createdBy: string;
            email: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            expiresAt: number;
            id: string;
            /**
             * @description owner > admin > operator > viewer
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin" | "owner";
        };
        InvitationPreview: {
            email: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            expiresAt: number;
            organizationName: string;
            /**
             * @description owner > admin > operator > viewer
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin" | "owner";
        };
        Me: {
            activeOrganization: {
                id: string;
                name: string;
                /**
                 * @description owner > admin > operator > viewer
                 * @enum {string}
                 */
                role: "viewer" | "operator" | "admin" | "owner";
            };
            /** @enum {string} */
            authenticatedBy: "session" | "api_token";
            memberships: {
                name: string;
                orgId: string;
                /**
                 * @description owner > admin > operator > viewer
                 * @enum {string}
                 */
                role: "viewer" | "operator" | "admin" | "owner";
            }[];
            user: {
                /**
                 * @description Milliseconds since the Unix epoch (UTC)
                 * @example 1795000000000
                 */
                createdAt: number;
                email: string;
                id: string;
            } | null;
        };
        Member: {
            email: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            joinedAt: number;
            /**
             * @description owner > admin > operator > viewer
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin" | "owner";
            userId: string;
        };
        NewNotificationChannel: {
            /** @default true */
            enabled: boolean;
            /**
             * @default warning
             * @enum {string}
             */
            minSeverity: "info" | "warning" | "critical";
            name: string;
            to: string[];
            /** @enum {string} */
            type: "email";
        } | {
            /** @default true */
            enabled: boolean;
            /**
             * @default warning
             * @enum {string}
             */
            minSeverity: "info" | "warning" | "critical";
            name: string;
            /** @enum {string} */
            type: "slack";
            /** @description The Slack incoming-webhook URL (a secret) */
            url: string;
        } | {
            /** @default true */
            enabled: boolean;
            /**
             * @default warning
             * @enum {string}
             */
            minSeverity: "info" | "warning" | "critical";
            name: string;
            /** @enum {string} */
            type: "webhook";
            /** @description http(s); must resolve to a public address */
            url: string;
        };
        NodeDetail: components["schemas"]["NodeSummary"] & {
            agentId: string;
            /** @description wsrep_cluster_address; `gcomm://` alone bootstraps a new cluster */
            clusterAddress: string | null;
            clusterConfId: string | null;
            clusterName: string | null;
            clusterSize: number | null;
            clusterStateUuid: string | null;
            connected: boolean | null;
            desyncCount: number | null;
            error: string | null;
            incomingAddresses: string[];
            lastCommitted: number | null;
            localState: number | null;
            localStateComment: string | null;
            /** @description mysql.wsrep_cluster_members (stale on a non-Primary node) */
            members: {
                address: string;
                name: string;
                uuid: string;
            }[] | null;
            reachable: boolean | null;
            ready: boolean | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            receivedAt: number | null;
        };
        NodeMetrics: {
            from: number;
            nodeId: string;
            series: {
                name: string;
                /** @description [ts ms, value], ascending */
                points: [
                    number,
                    number
                ][];
            }[];
            /** @description Bucket width of averaged points, or null for raw samples */
            step: number | null;
            to: number;
        };
        NodeSummary: {
            address: string;
            /** @description Primary, non-Primary or Disconnected */
            clusterStatus: string | null;
            /** @description False when the poll is older than the offline threshold, or its agent has been gone for longer than that (same rule as the assessment) */
            fresh: boolean;
            id: string;
            name: string;
            /**
             * @description When the node was last polled (last seen)
             * @example 1795000000000
             */
            observedAt: number | null;
            /** @description `unknown` (never reported), `unreachable`, or wsrep_local_state_comment (`Synced`, `Donor/Desynced`, …) */
            state: string;
        };
        NotificationChannel: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            enabled: boolean;
            id: string;
            /**
             * @description Notifications below this severity are not sent here (default warning)
             * @enum {string}
             */
            minSeverity: "info" | "warning" | "critical";
            name: string;
            /** @description webhook: MASKED (shown in full once, when created or rotated) */
            signingSecret?: string;
            /** @description email: the recipients */
            to?: string[];
            /** @enum {string} */
            type: "email" | "slack" | "webhook";
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            updatedAt: number;
            /** @description slack, webhook: MASKED — the URL is a credential and is never shown again */
            url?: string;
        };
        NotificationPolicy: {
            /** @description At most one notification per cluster per interval — unless the severity rises (default 60) */
            groupIntervalSeconds: number;
            /** @description A cluster’s first notification waits this long for more alerts (default 0: page at once) */
            groupWaitSeconds: number;
            /** @description Firing, unacknowledged alerts are notified again after this long (default 4 h) */
            repeatIntervalSeconds: number;
        };
        Operation: {
            action: string;
            agentId: string | null;
            approvedBy: string | null;
            clusterId: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            /** @description Times the signed envelope was handed to the agent (re-sends run once: replay store) */
            deliveries: number;
            error: {
                code: string;
                message: string;
            } | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            expiresAt: number;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            finishedAt: number | null;
            id: string;
            issuedBy: string;
            /** @description The key that signed it; null until signed */
            keyId: string | null;
            /**
             * @description A signed command run by one agent, or a sequence the cloud drives (rolling-restart)
             * @enum {string}
             */
            kind: "command" | "orchestration";
            nodeId: string | null;
            params: {
                [key: string]: unknown;
            };
            /** @description The rolling restart or bootstrap plan this command is a step of */
            parentId: string | null;
            /** @description `{step, message, percent?}` as last reported */
            progress?: unknown;
            /** @description Why the agent rejected the envelope (REJECT_REASONS) */
            reason: string | null;
            /** @description The agent’s Galera safety guard refusal `{code, message, evidence}` */
            refusal?: unknown;
            result?: unknown;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            sentAt: number | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            startedAt: number | null;
            /** @enum {string} */
            state: "awaiting_approval" | "queued" | "sent" | "running" | "succeeded" | "failed" | "rejected" | "expired" | "cancelled";
            /** @description A rolling restart’s steps */
            steps: {
                /**
                 * @description Milliseconds since the Unix epoch (UTC)
                 * @example 1795000000000
                 */
                at: number;
                commandId: string;
                nodeId: string;
                nodeName: string;
                /** @enum {string} */
                outcome: "running" | "done" | "failed";
            }[] | null;
            waitingFor: string | null;
        };
        Organization: {
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            id: string;
            name: string;
            /**
             * @description Your role in it
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin" | "owner";
        };
        OrganizationPolicy: {
            /** @description A bootstrap-cluster waits for a second admin or owner to approve it before it is signed */
            bootstrapRequiresApproval: boolean;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            updatedAt: number | null;
            updatedBy: string | null;
        };
        /** @description The organization’s override */
        RuleOverride: {
            enabled?: boolean;
            /** @description The condition must hold this long before the alert fires (pending until then) */
            forSeconds?: number;
            /** @description A firing alert whose condition clears keeps firing this long (against flapping) */
            keepFiringForSeconds?: number;
            /** @enum {string} */
            severity?: "info" | "warning" | "critical";
            /** @description Threshold rules only */
            threshold?: number;
        } | null;
        RuleSettings: {
            enabled: boolean;
            /** @description The condition must hold this long before the alert fires (pending until then) */
            forSeconds: number;
            /** @description A firing alert whose condition clears keeps firing this long (against flapping) */
            keepFiringForSeconds: number;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            /** @description Threshold rules only */
            threshold?: number;
        };
        Silence: {
            active: boolean;
            clusterId: string | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            createdAt: number;
            createdBy: string;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            endsAt: number;
            id: string;
            /**
             * @description A maintenance window also makes a node’s not-Synced state expected (a Donor during a backup)
             * @enum {string}
             */
            kind: "silence" | "maintenance";
            nodeId: string | null;
            reason: string;
            rule: string | null;
            /**
             * @description Milliseconds since the Unix epoch (UTC)
             * @example 1795000000000
             */
            startsAt: number;
        };
        TestSendResult: {
            delivered: boolean;
            deliveryId: string;
            error: string | null;
            /** @description HTTP status, or the SMTP reply code of a failure */
            statusCode: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;

CREATE TABLE `agent_signing_keys` (
	`agent_id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`pinned_key_ids` json NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `agent_signing_keys_agent_id` PRIMARY KEY(`agent_id`)
);
--> statement-breakpoint
CREATE TABLE `bootstrap_plans` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`state` enum('gathering','ready','refused') NOT NULL,
	`evidence` json NOT NULL,
	`decision` json,
	`created_by` varchar(128) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`deadline_at` datetime(3) NOT NULL,
	`decided_at` datetime(3),
	CONSTRAINT `bootstrap_plans_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `commands` (
	`id` varchar(36) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`node_id` varchar(32),
	`agent_id` varchar(32),
	`action` varchar(48) NOT NULL,
	`params` json NOT NULL,
	`state` enum('awaiting_approval','queued','sent','running','succeeded','failed','rejected','expired','cancelled') NOT NULL,
	`agent_state` enum('accepted','running','succeeded','failed','rejected'),
	`agent_seq` int,
	`agent_updated_at` datetime(3),
	`progress` json,
	`result` json,
	`error` json,
	`reason` varchar(32),
	`refusal` json,
	`issued_by` varchar(128) NOT NULL,
	`issuer_user_id` varchar(32),
	`approved_by` varchar(128),
	`created_at` datetime(3) NOT NULL,
	`sent_at` datetime(3),
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`expires_at` datetime(3) NOT NULL,
	`deliveries` int NOT NULL DEFAULT 0,
	`envelope` json,
	`signature` varchar(200),
	`parent_id` varchar(36),
	`orchestration` json,
	CONSTRAINT `commands_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `organization_policies` (
	`org_id` varchar(32) NOT NULL,
	`bootstrap_requires_approval` boolean NOT NULL DEFAULT false,
	`updated_by` varchar(128) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `organization_policies_org_id` PRIMARY KEY(`org_id`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`actor_kind` enum('user','api_token','agent','system') NOT NULL,
	`actor_id` varchar(128) NOT NULL,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32) NOT NULL,
	`target_id` varchar(64) NOT NULL,
	`details` json,
	`request_id` varchar(64),
	`at` datetime(3) NOT NULL,
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `bootstrap_plans_cluster_idx` ON `bootstrap_plans` (`org_id`,`cluster_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bootstrap_plans_state_idx` ON `bootstrap_plans` (`state`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `commands_cluster_idx` ON `commands` (`org_id`,`cluster_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `commands_agent_state_idx` ON `commands` (`agent_id`,`state`);--> statement-breakpoint
CREATE INDEX `commands_state_expiry_idx` ON `commands` (`state`,`expires_at`);--> statement-breakpoint
CREATE INDEX `commands_parent_idx` ON `commands` (`parent_id`);--> statement-breakpoint
CREATE INDEX `audit_log_org_idx` ON `audit_log` (`org_id`,`id`);
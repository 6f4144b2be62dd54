CREATE TABLE `agent_connections` (
	`connection_id` varchar(128) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`agent_id` varchar(32) NOT NULL,
	`connected_at` datetime(3) NOT NULL,
	`last_message_at` datetime(3) NOT NULL,
	`hello_at` datetime(3),
	CONSTRAINT `agent_connections_connection_id` PRIMARY KEY(`connection_id`)
);
--> statement-breakpoint
CREATE TABLE `agents` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`hostname` varchar(255) NOT NULL,
	`version` varchar(64) NOT NULL,
	`public_key` text NOT NULL,
	`enrollment_token_id` varchar(32) NOT NULL,
	`enrolled_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3),
	`last_connect_ts` bigint NOT NULL DEFAULT 0,
	`connected` boolean NOT NULL DEFAULT false,
	`revoked_at` datetime(3),
	CONSTRAINT `agents_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`name` varchar(128) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`role` enum('viewer','operator','admin','owner') NOT NULL,
	`created_by` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3),
	`last_used_at` datetime(3),
	`revoked_at` datetime(3),
	CONSTRAINT `api_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `enrollment_tokens` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`max_uses` int NOT NULL,
	`uses` int NOT NULL DEFAULT 0,
	`created_by` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	CONSTRAINT `enrollment_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `enrollment_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`org_id` varchar(32) NOT NULL,
	`user_id` varchar(32) NOT NULL,
	`role` enum('viewer','operator','admin','owner') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `memberships_org_id_user_id_pk` PRIMARY KEY(`org_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` varchar(32) NOT NULL,
	`name` varchar(128) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `organizations_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` varchar(191) NOT NULL,
	`window_start` datetime(3) NOT NULL,
	`count` int NOT NULL,
	CONSTRAINT `rate_limits_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` varchar(64) NOT NULL,
	`user_id` varchar(32) NOT NULL,
	`active_org_id` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3) NOT NULL,
	CONSTRAINT `sessions_token_hash` PRIMARY KEY(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` varchar(32) NOT NULL,
	`email` varchar(254) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `cluster_events` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`node_id` varchar(32),
	`type` varchar(48) NOT NULL,
	`severity` enum('info','warning','critical') NOT NULL,
	`message` varchar(1024) NOT NULL,
	`data` json,
	`occurred_at` datetime(3) NOT NULL,
	CONSTRAINT `cluster_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`name` varchar(64) NOT NULL,
	`expected_size` int NOT NULL,
	`health` enum('healthy','degraded','split_brain','no_primary','unknown') NOT NULL DEFAULT 'unknown',
	`health_since` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`assessment` json,
	`assessment_memory` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `clusters_id` PRIMARY KEY(`id`),
	CONSTRAINT `clusters_org_name_uq` UNIQUE(`org_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `ingested_batches` (
	`agent_id` varchar(32) NOT NULL,
	`batch_id` varchar(36) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`received_at` datetime(3) NOT NULL,
	CONSTRAINT `ingested_batches_agent_id_batch_id_pk` PRIMARY KEY(`agent_id`,`batch_id`)
);
--> statement-breakpoint
CREATE TABLE `metric_samples` (
	`node_id` varchar(32) NOT NULL,
	`name` varchar(48) NOT NULL,
	`ts` bigint NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`value` double NOT NULL,
	CONSTRAINT `metric_samples_node_id_name_ts_pk` PRIMARY KEY(`node_id`,`name`,`ts`)
);
--> statement-breakpoint
CREATE TABLE `node_status` (
	`node_id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`poll_seq` bigint NOT NULL,
	`observed_at` datetime(3) NOT NULL,
	`received_at` datetime(3) NOT NULL,
	`status` json NOT NULL,
	CONSTRAINT `node_status_node_id` PRIMARY KEY(`node_id`)
);
--> statement-breakpoint
CREATE TABLE `nodes` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`name` varchar(64) NOT NULL,
	`address` varchar(256) NOT NULL,
	`agent_id` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `nodes_id` PRIMARY KEY(`id`),
	CONSTRAINT `nodes_cluster_name_uq` UNIQUE(`cluster_id`,`name`)
);
--> statement-breakpoint
CREATE INDEX `agent_connections_agent_idx` ON `agent_connections` (`agent_id`);--> statement-breakpoint
CREATE INDEX `agents_org_idx` ON `agents` (`org_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_org_idx` ON `api_tokens` (`org_id`);--> statement-breakpoint
CREATE INDEX `enrollment_tokens_org_idx` ON `enrollment_tokens` (`org_id`);--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `cluster_events_cluster_time_idx` ON `cluster_events` (`cluster_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `ingested_batches_time_idx` ON `ingested_batches` (`received_at`);--> statement-breakpoint
CREATE INDEX `metric_samples_ts_idx` ON `metric_samples` (`ts`);--> statement-breakpoint
CREATE INDEX `nodes_org_idx` ON `nodes` (`org_id`);
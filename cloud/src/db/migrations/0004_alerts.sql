CREATE TABLE `alert_groups` (
	`cluster_id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`seq` int NOT NULL DEFAULT 0,
	`pending_since` datetime(3),
	`last_notified_at` datetime(3),
	`next_eval_at` datetime(3),
	CONSTRAINT `alert_groups_cluster_id` PRIMARY KEY(`cluster_id`)
);
--> statement-breakpoint
CREATE TABLE `alert_rule_overrides` (
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL DEFAULT '',
	`rule` varchar(48) NOT NULL,
	`settings` json NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`updated_by` varchar(32) NOT NULL,
	CONSTRAINT `alert_rule_overrides_org_id_cluster_id_rule_pk` PRIMARY KEY(`org_id`,`cluster_id`,`rule`)
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`node_id` varchar(32),
	`rule` varchar(48) NOT NULL,
	`fingerprint` varchar(160) NOT NULL,
	`active_key` varchar(160),
	`state` enum('pending','firing','resolved') NOT NULL,
	`severity` enum('info','warning','critical') NOT NULL,
	`summary` varchar(2048) NOT NULL,
	`details` json NOT NULL,
	`started_at` datetime(3) NOT NULL,
	`fired_at` datetime(3),
	`cleared_at` datetime(3),
	`resolved_at` datetime(3),
	`acknowledged_at` datetime(3),
	`acknowledged_by` varchar(32),
	`notified_state` enum('none','firing','resolved') NOT NULL DEFAULT 'none',
	`inhibited_by` varchar(160),
	`silenced_by` varchar(32),
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `alerts_id` PRIMARY KEY(`id`),
	CONSTRAINT `alerts_active_uq` UNIQUE(`org_id`,`active_key`)
);
--> statement-breakpoint
CREATE TABLE `node_configs` (
	`node_id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32) NOT NULL,
	`observed_at` datetime(3) NOT NULL,
	`received_at` datetime(3) NOT NULL,
	`configured` json,
	`running` json,
	CONSTRAINT `node_configs_node_id` PRIMARY KEY(`node_id`)
);
--> statement-breakpoint
CREATE TABLE `notification_alerts` (
	`notification_id` varchar(32) NOT NULL,
	`alert_id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	CONSTRAINT `notification_alerts_notification_id_alert_id_pk` PRIMARY KEY(`notification_id`,`alert_id`)
);
--> statement-breakpoint
CREATE TABLE `notification_attempts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`notification_id` varchar(32) NOT NULL,
	`attempt` int NOT NULL,
	`at` datetime(3) NOT NULL,
	`outcome` enum('delivered','retry','failed') NOT NULL,
	`status_code` int,
	`error` varchar(512),
	`duration_ms` bigint NOT NULL,
	CONSTRAINT `notification_attempts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `notification_channels` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`name` varchar(128) NOT NULL,
	`type` enum('email','slack','webhook') NOT NULL,
	`enabled` boolean NOT NULL DEFAULT true,
	`min_severity` enum('info','warning','critical') NOT NULL DEFAULT 'warning',
	`config` json NOT NULL,
	`secrets` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `notification_channels_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `notification_policies` (
	`org_id` varchar(32) NOT NULL,
	`group_wait_ms` int NOT NULL,
	`group_interval_ms` int NOT NULL,
	`repeat_interval_ms` int NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `notification_policies_org_id` PRIMARY KEY(`org_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`channel_id` varchar(32) NOT NULL,
	`cluster_id` varchar(32),
	`kind` enum('alerts','test') NOT NULL,
	`status` enum('firing','resolved','test') NOT NULL,
	`severity` enum('info','warning','critical') NOT NULL,
	`payload` json NOT NULL,
	`state` enum('pending','sending','delivered','failed') NOT NULL DEFAULT 'pending',
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`lease_until` datetime(3),
	`last_error` varchar(512),
	`delivered_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `silences` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`kind` enum('silence','maintenance') NOT NULL,
	`cluster_id` varchar(32),
	`node_id` varchar(32),
	`rule` varchar(48),
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`reason` varchar(512) NOT NULL,
	`created_by` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `silences_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `alert_groups_next_eval_idx` ON `alert_groups` (`next_eval_at`);--> statement-breakpoint
CREATE INDEX `alerts_cluster_state_idx` ON `alerts` (`org_id`,`cluster_id`,`state`);--> statement-breakpoint
CREATE INDEX `alerts_org_state_idx` ON `alerts` (`org_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `notification_alerts_alert_idx` ON `notification_alerts` (`org_id`,`alert_id`);--> statement-breakpoint
CREATE INDEX `notification_attempts_notification_idx` ON `notification_attempts` (`org_id`,`notification_id`);--> statement-breakpoint
CREATE INDEX `notification_channels_org_idx` ON `notification_channels` (`org_id`);--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_org_idx` ON `notifications` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `silences_org_end_idx` ON `silences` (`org_id`,`ends_at`);
CREATE TABLE `agent_connection_guards` (
	`connection_id` varchar(128) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`invalid_at` json NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `agent_connection_guards_connection_id` PRIMARY KEY(`connection_id`)
);
--> statement-breakpoint
CREATE TABLE `queue_inbox` (
	`message_id` varchar(128) NOT NULL,
	`queue` varchar(32) NOT NULL,
	`state` enum('processing','done') NOT NULL,
	`claimed_at` datetime(3) NOT NULL,
	`finished_at` datetime(3),
	CONSTRAINT `queue_inbox_message_id` PRIMARY KEY(`message_id`)
);
--> statement-breakpoint
CREATE INDEX `queue_inbox_claimed_idx` ON `queue_inbox` (`claimed_at`);
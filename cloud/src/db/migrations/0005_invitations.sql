CREATE TABLE `invitations` (
	`id` varchar(32) NOT NULL,
	`org_id` varchar(32) NOT NULL,
	`email` varchar(254) NOT NULL,
	`role` enum('viewer','operator','admin','owner') NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`created_by` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`accepted_at` datetime(3),
	`accepted_by` varchar(32),
	`revoked_at` datetime(3),
	CONSTRAINT `invitations_id` PRIMARY KEY(`id`),
	CONSTRAINT `invitations_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE INDEX `invitations_org_email_idx` ON `invitations` (`org_id`,`email`);
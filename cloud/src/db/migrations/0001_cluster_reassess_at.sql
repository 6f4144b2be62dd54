ALTER TABLE `clusters` ADD `reassess_at` datetime(3);--> statement-breakpoint
CREATE INDEX `clusters_reassess_idx` ON `clusters` (`reassess_at`);
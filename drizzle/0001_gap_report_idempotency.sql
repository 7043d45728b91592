ALTER TABLE "gap_reports" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "gap_reports_idempotency_key_idx" ON "gap_reports" USING btree ("idempotency_key");
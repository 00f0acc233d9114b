DROP INDEX "legal_bases_uri_idx";--> statement-breakpoint
CREATE INDEX "legal_bases_uri_idx" ON "legal_bases" USING btree ("uri","id");
CREATE TABLE "access_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"consumer_orgnr" text NOT NULL,
	"client_id" text NOT NULL,
	"producer_orgnr" text,
	"dataset_id" text NOT NULL,
	"subject_fnr" text,
	"purpose_code" text,
	"rule_id" text,
	"consent_id" text,
	"legal_basis_uri" text,
	"fields_delivered" text[] NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"upstream_status" integer,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_log_subject_idx" ON "access_log" USING btree ("subject_fnr","seq");--> statement-breakpoint
CREATE INDEX "access_log_consumer_idx" ON "access_log" USING btree ("consumer_orgnr","seq");--> statement-breakpoint
CREATE INDEX "access_log_producer_idx" ON "access_log" USING btree ("producer_orgnr","seq");
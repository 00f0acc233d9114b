CREATE TABLE "consent_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consent_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"request_id" text NOT NULL,
	"consumer_orgnr" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_items" (
	"request_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"fields" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"consumer_orgnr" text NOT NULL,
	"consumer_client_id" text NOT NULL,
	"subject_fnr" text NOT NULL,
	"purpose_code" text NOT NULL,
	"purpose_text" jsonb NOT NULL,
	"request_message" jsonb,
	"valid_to" timestamp with time zone NOT NULL,
	"one_time" boolean NOT NULL,
	"redirect_url" text NOT NULL,
	"status" text NOT NULL,
	"decided_acr" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_request_id_consent_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_items" ADD CONSTRAINT "consent_items_request_id_consent_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_consumer_orgnr_organisations_orgnr_fk" FOREIGN KEY ("consumer_orgnr") REFERENCES "public"."organisations"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_events_id_idx" ON "consent_events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "consent_events_consumer_idx" ON "consent_events" USING btree ("consumer_orgnr","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_items_pk" ON "consent_items" USING btree ("request_id","dataset_id");--> statement-breakpoint
CREATE INDEX "consent_requests_subject_idx" ON "consent_requests" USING btree ("subject_fnr","created_at");--> statement-breakpoint
CREATE INDEX "consent_requests_consumer_idx" ON "consent_requests" USING btree ("consumer_orgnr","created_at");--> statement-breakpoint
CREATE INDEX "consent_requests_due_idx" ON "consent_requests" USING btree ("status","valid_to");
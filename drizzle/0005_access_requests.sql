CREATE TABLE "access_request_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_request_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"request_id" text NOT NULL,
	"requester_orgnr" text NOT NULL,
	"publisher_orgnr" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_orgnr" text NOT NULL,
	"actor_client_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"message" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"publisher_orgnr" text NOT NULL,
	"requester_orgnr" text NOT NULL,
	"requester_client_id" text NOT NULL,
	"purpose_code" text NOT NULL,
	"purpose_text" jsonb NOT NULL,
	"basis" jsonb NOT NULL,
	"fields" text[] NOT NULL,
	"justification" text NOT NULL,
	"valid_to" timestamp with time zone,
	"status" text NOT NULL,
	"rule_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_request_events" ADD CONSTRAINT "access_request_events_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requester_orgnr_organisations_orgnr_fk" FOREIGN KEY ("requester_orgnr") REFERENCES "public"."organisations"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_request_events_id_idx" ON "access_request_events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "access_request_events_request_idx" ON "access_request_events" USING btree ("request_id","seq");--> statement-breakpoint
CREATE INDEX "access_request_events_requester_idx" ON "access_request_events" USING btree ("requester_orgnr","seq");--> statement-breakpoint
CREATE INDEX "access_request_events_publisher_idx" ON "access_request_events" USING btree ("publisher_orgnr","seq");--> statement-breakpoint
CREATE INDEX "access_requests_publisher_idx" ON "access_requests" USING btree ("publisher_orgnr","created_at");--> statement-breakpoint
CREATE INDEX "access_requests_requester_idx" ON "access_requests" USING btree ("requester_orgnr","created_at");
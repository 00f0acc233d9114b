CREATE TABLE "organisation_roles" (
	"id" text PRIMARY KEY NOT NULL,
	"orgnr" text NOT NULL,
	"pid" text NOT NULL,
	"role" text NOT NULL,
	"granted_by" jsonb NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_by" jsonb,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "access_request_events" ALTER COLUMN "actor_client_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_requests" ALTER COLUMN "requester_client_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_request_events" ADD COLUMN "actor_pid" text;--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "requester_pid" text;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD COLUMN "actor_pid" text;--> statement-breakpoint
ALTER TABLE "organisation_roles" ADD CONSTRAINT "organisation_roles_orgnr_organisations_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."organisations"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_roles_held_idx" ON "organisation_roles" USING btree ("orgnr","pid","role") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "organisation_roles_pid_idx" ON "organisation_roles" USING btree ("pid");
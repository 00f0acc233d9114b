CREATE TABLE "acting_for_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"represented_fnr" text NOT NULL,
	"chosen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authorisations" (
	"id" text PRIMARY KEY NOT NULL,
	"giver_fnr" text NOT NULL,
	"representative_fnr" text NOT NULL,
	"scope" text NOT NULL,
	"may_accept" boolean NOT NULL,
	"orgnrs" text[],
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_fnr" text
);
--> statement-breakpoint
CREATE TABLE "representation_relations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"representative_fnr" text NOT NULL,
	"represented_fnr" text NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "representative_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "representative_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"representative_fnr" text NOT NULL,
	"represented_fnr" text NOT NULL,
	"basis_kind" text NOT NULL,
	"basis_id" text NOT NULL,
	"action" text NOT NULL,
	"consent_id" text,
	"consent_event_id" text
);
--> statement-breakpoint
ALTER TABLE "acting_for_sessions" ADD CONSTRAINT "acting_for_sessions_session_id_citizen_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."citizen_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorisations_giver_idx" ON "authorisations" USING btree ("giver_fnr","created_at");--> statement-breakpoint
CREATE INDEX "authorisations_representative_idx" ON "authorisations" USING btree ("representative_fnr","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "representation_relations_pair_idx" ON "representation_relations" USING btree ("representative_fnr","represented_fnr","kind");--> statement-breakpoint
CREATE INDEX "representation_relations_represented_idx" ON "representation_relations" USING btree ("represented_fnr");--> statement-breakpoint
CREATE UNIQUE INDEX "representative_actions_id_idx" ON "representative_actions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "representative_actions_represented_idx" ON "representative_actions" USING btree ("represented_fnr","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "representative_actions_event_idx" ON "representative_actions" USING btree ("consent_event_id");
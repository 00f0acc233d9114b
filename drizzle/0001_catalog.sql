CREATE TABLE "access_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"recipient_orgnr" text,
	"purpose_code" text NOT NULL,
	"purpose_text" jsonb NOT NULL,
	"legal_basis_id" text,
	"fields" text[] NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"one_time" boolean NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "catalog_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "catalog_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dataset_id" text NOT NULL,
	"resource" text NOT NULL,
	"resource_id" text NOT NULL,
	"version" integer NOT NULL,
	"change" text NOT NULL,
	"actor_orgnr" text NOT NULL,
	"actor_client_id" text,
	"via" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_services" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" jsonb NOT NULL,
	"endpoint_url" text NOT NULL,
	"openapi" jsonb
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"publisher_orgnr" text NOT NULL,
	"title" jsonb NOT NULL,
	"sort_title" text NOT NULL,
	"access_rights" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"contains_personal_data" boolean NOT NULL,
	"details" jsonb NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"legal_basis_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"legal_vector" "tsvector" NOT NULL,
	"source_uri" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "legal_bases" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"title" jsonb NOT NULL,
	"uri" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_rules" ADD CONSTRAINT "access_rules_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD CONSTRAINT "catalog_changes_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_services" ADD CONSTRAINT "data_services_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_publisher_orgnr_organisations_orgnr_fk" FOREIGN KEY ("publisher_orgnr") REFERENCES "public"."organisations"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_bases" ADD CONSTRAINT "legal_bases_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_rules_dataset_idx" ON "access_rules" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "access_rules_recipient_idx" ON "access_rules" USING btree ("recipient_orgnr","dataset_id");--> statement-breakpoint
CREATE INDEX "catalog_changes_dataset_idx" ON "catalog_changes" USING btree ("dataset_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_changes_seq_idx" ON "catalog_changes" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "data_services_dataset_idx" ON "data_services" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "datasets_search_idx" ON "datasets" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "datasets_themes_idx" ON "datasets" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "datasets_legal_basis_uris_idx" ON "datasets" USING gin ("legal_basis_uris");--> statement-breakpoint
CREATE INDEX "datasets_legal_vector_idx" ON "datasets" USING gin ("legal_vector");--> statement-breakpoint
CREATE INDEX "datasets_publisher_idx" ON "datasets" USING btree ("publisher_orgnr");--> statement-breakpoint
CREATE INDEX "datasets_sort_idx" ON "datasets" USING btree ("sort_title","id");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_source_idx" ON "datasets" USING btree ("publisher_orgnr","source_uri");--> statement-breakpoint
CREATE INDEX "legal_bases_dataset_idx" ON "legal_bases" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "legal_bases_uri_idx" ON "legal_bases" USING btree ("uri");
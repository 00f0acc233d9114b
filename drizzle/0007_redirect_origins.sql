CREATE TABLE "redirect_origins" (
	"orgnr" text NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "redirect_origins_orgnr_origin_pk" PRIMARY KEY("orgnr","origin")
);
--> statement-breakpoint
ALTER TABLE "redirect_origins" ADD CONSTRAINT "redirect_origins_orgnr_organisations_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."organisations"("orgnr") ON DELETE no action ON UPDATE no action;
ALTER TABLE "datasets" ADD COLUMN "life_events" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "datasets_life_events_idx" ON "datasets" USING gin ("life_events");
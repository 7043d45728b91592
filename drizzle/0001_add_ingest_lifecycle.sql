CREATE TABLE "course_skill_tags" (
	"course_id" integer NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "course_skill_tags_course_id_label_pk" PRIMARY KEY("course_id","label")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "role_relations" (
	"from_role_id" integer NOT NULL,
	"to_role_id" integer NOT NULL,
	"kind" text NOT NULL,
	"rank" integer NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "role_relations_from_role_id_to_role_id_pk" PRIMARY KEY("from_role_id","to_role_id")
);
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "link_hash" text;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "index_builds" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "role_skills" ADD COLUMN "level" real;--> statement-breakpoint
ALTER TABLE "role_skills" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "skills" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "skills" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "skills" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "course_skill_tags" ADD CONSTRAINT "course_skill_tags_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_relations" ADD CONSTRAINT "role_relations_from_role_id_roles_id_fk" FOREIGN KEY ("from_role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_relations" ADD CONSTRAINT "role_relations_to_role_id_roles_id_fk" FOREIGN KEY ("to_role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at");
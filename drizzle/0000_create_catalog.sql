CREATE TABLE "course_prerequisites" (
	"course_id" integer NOT NULL,
	"prerequisite_id" integer NOT NULL,
	CONSTRAINT "course_prerequisites_course_id_prerequisite_id_pk" PRIMARY KEY("course_id","prerequisite_id")
);
--> statement-breakpoint
CREATE TABLE "course_skill_tags" (
	"course_id" integer NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "course_skill_tags_course_id_label_pk" PRIMARY KEY("course_id","label")
);
--> statement-breakpoint
CREATE TABLE "course_skills" (
	"course_id" integer NOT NULL,
	"skill_id" integer NOT NULL,
	"confidence" real NOT NULL,
	"evidence_kind" text NOT NULL,
	"evidence_span" text,
	"source" text NOT NULL,
	CONSTRAINT "course_skills_course_id_skill_id_pk" PRIMARY KEY("course_id","skill_id"),
	CONSTRAINT "course_skills_confidence_range" CHECK ("course_skills"."confidence" > 0 and "course_skills"."confidence" <= 1)
);
--> statement-breakpoint
CREATE TABLE "course_stacks" (
	"course_id" integer NOT NULL,
	"stacks_into_id" integer NOT NULL,
	CONSTRAINT "course_stacks_course_id_stacks_into_id_pk" PRIMARY KEY("course_id","stacks_into_id")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "courses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"provider" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"url" text,
	"hours" real,
	"cost" numeric(12, 2),
	"currency" text,
	"level" text,
	"language" text,
	"format" text,
	"credential_type" text,
	"issuer" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text,
	"link_hash" text,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_source_external_id_key" UNIQUE("source","external_id"),
	CONSTRAINT "courses_hours_nonnegative" CHECK ("courses"."hours" is null or "courses"."hours" >= 0),
	CONSTRAINT "courses_cost_nonnegative" CHECK ("courses"."cost" is null or "courses"."cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "data_sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"version" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checksum" text,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_sources_name_kind_key" UNIQUE("name","kind")
);
--> statement-breakpoint
CREATE TABLE "embedding_cache" (
	"model" text NOT NULL,
	"content_hash" text NOT NULL,
	"dimension" integer NOT NULL,
	"vector" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embedding_cache_model_content_hash_pk" PRIMARY KEY("model","content_hash")
);
--> statement-breakpoint
CREATE TABLE "gap_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_ref" text,
	"role_id" integer,
	"request" jsonb NOT NULL,
	"recommendation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "index_builds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "index_builds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" text NOT NULL,
	"model" text NOT NULL,
	"dimension" integer NOT NULL,
	"status" text NOT NULL,
	"fingerprint" text,
	"taxonomy_fingerprint" text,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_versions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"items" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "index_builds_version_unique" UNIQUE("version")
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
CREATE TABLE "learner_credentials" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learner_credentials_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"learner_id" integer NOT NULL,
	"course_id" integer,
	"name" text NOT NULL,
	"issuer" text,
	"issued_on" timestamp with time zone,
	"evidence" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learner_skills" (
	"learner_id" integer NOT NULL,
	"skill_id" integer NOT NULL,
	"level" text,
	"confidence" real NOT NULL,
	"evidence" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learner_skills_learner_id_skill_id_pk" PRIMARY KEY("learner_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "learners" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learners_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"external_ref" text NOT NULL,
	"display_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learners_external_ref_unique" UNIQUE("external_ref")
);
--> statement-breakpoint
CREATE TABLE "recommendation_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" text,
	"kind" text NOT NULL,
	"learner_ref" text,
	"role_id" integer,
	"request" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"versions" jsonb NOT NULL,
	"optimal" boolean,
	"duration_ms" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "role_skills" (
	"role_id" integer NOT NULL,
	"skill_id" integer NOT NULL,
	"kind" text NOT NULL,
	"importance" real NOT NULL,
	"level" real,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "role_skills_role_id_skill_id_pk" PRIMARY KEY("role_id","skill_id"),
	CONSTRAINT "role_skills_importance_range" CHECK ("role_skills"."importance" > 0 and "role_skills"."importance" <= 1)
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"source_version" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"alt_titles" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roles_source_code_key" UNIQUE("source","code")
);
--> statement-breakpoint
CREATE TABLE "skill_relations" (
	"from_skill_id" integer NOT NULL,
	"to_skill_id" integer NOT NULL,
	"relation" text NOT NULL,
	"source" text NOT NULL,
	"method" text,
	"confidence" real,
	CONSTRAINT "skill_relations_from_skill_id_to_skill_id_relation_pk" PRIMARY KEY("from_skill_id","to_skill_id","relation")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "skills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"source_version" text NOT NULL,
	"uri" text NOT NULL,
	"label" text NOT NULL,
	"alt_labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skill_type" text NOT NULL,
	"skill_group" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skills_source_uri_key" UNIQUE("source","uri")
);
--> statement-breakpoint
ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_prerequisite_id_courses_id_fk" FOREIGN KEY ("prerequisite_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_skill_tags" ADD CONSTRAINT "course_skill_tags_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_skills" ADD CONSTRAINT "course_skills_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_skills" ADD CONSTRAINT "course_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_stacks" ADD CONSTRAINT "course_stacks_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_stacks" ADD CONSTRAINT "course_stacks_stacks_into_id_courses_id_fk" FOREIGN KEY ("stacks_into_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD CONSTRAINT "gap_reports_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_credentials" ADD CONSTRAINT "learner_credentials_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_credentials" ADD CONSTRAINT "learner_credentials_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_skills" ADD CONSTRAINT "learner_skills_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_skills" ADD CONSTRAINT "learner_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_log" ADD CONSTRAINT "recommendation_log_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_relations" ADD CONSTRAINT "role_relations_from_role_id_roles_id_fk" FOREIGN KEY ("from_role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_relations" ADD CONSTRAINT "role_relations_to_role_id_roles_id_fk" FOREIGN KEY ("to_role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_skills" ADD CONSTRAINT "role_skills_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_skills" ADD CONSTRAINT "role_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_relations" ADD CONSTRAINT "skill_relations_from_skill_id_skills_id_fk" FOREIGN KEY ("from_skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_relations" ADD CONSTRAINT "skill_relations_to_skill_id_skills_id_fk" FOREIGN KEY ("to_skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_skills_skill_idx" ON "course_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "courses_provider_idx" ON "courses" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "gap_reports_learner_idx" ON "gap_reports" USING btree ("learner_ref","created_at");--> statement-breakpoint
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learner_credentials_learner_idx" ON "learner_credentials" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "recommendation_log_created_idx" ON "recommendation_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "role_skills_skill_idx" ON "role_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "skill_relations_to_idx" ON "skill_relations" USING btree ("to_skill_id","relation");--> statement-breakpoint
CREATE INDEX "skills_label_idx" ON "skills" USING btree ("label");
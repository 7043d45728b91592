CREATE TABLE "index_files" (
	"version" text NOT NULL,
	"file" text NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "index_files_version_file_seq_pk" PRIMARY KEY("version","file","seq")
);
--> statement-breakpoint
CREATE TABLE "index_readers" (
	"node" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "index_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"dimension" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "index_files" ADD CONSTRAINT "index_files_version_index_versions_version_fk" FOREIGN KEY ("version") REFERENCES "public"."index_versions"("version") ON DELETE cascade ON UPDATE no action;
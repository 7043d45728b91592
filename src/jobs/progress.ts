/** How long-running jobs report where they are; the CLI draws it, the API stores it on the job. */
export interface Progress {
  /** A new stage starts; `total` when the amount of work is known. */
  stage(name: string, total?: number): void;
  update(done: number, total?: number): void;
}

export const silentProgress: Progress = { stage: () => {}, update: () => {} };

import type { Database } from '../client.js';
import type { courses, roles, skills } from '../schema.js';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type CatalogTable = typeof skills | typeof roles | typeof courses;

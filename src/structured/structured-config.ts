import type { DatasetConfig } from '../config/schema.js'

export type AdjudicationConfig = NonNullable<DatasetConfig['adjudication']>

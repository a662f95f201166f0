// Shapes of the assessments service's answers that more than one area reads
// (services/assessments/src/assessments/*/schemas.py).

/** Assessments' lists: `limit`/`offset` paging. */
export interface OffsetPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** One page of a listing; pass `continuationToken` back to get the next page (null = last page). */
export interface Page<T> {
  items: T[];
  continuationToken: string | null;
}

export interface PageRequest {
  /** Items per page (the store may return fewer). */
  limit: number;
  continuationToken?: string | null;
}

import { useState } from "react";

import type { OffsetPage } from "../api/assessments";
import { useLoad, type Loaded } from "./hooks";

export interface OffsetList<T> extends Loaded<OffsetPage<T>> {
  /** The offsets of the pages before this one (the `Pager`'s cursors). */
  cursors: string[];
  setCursors: (cursors: string[]) => void;
  /** The next page's offset, or null on the last page. */
  next: string | null;
}

/** A `limit`/`offset` list paged with `Pager` (its cursors are offsets); `load` again when `dependencies` change. */
export function useOffsetList<T>(
  load: (offset: number, signal: AbortSignal) => Promise<OffsetPage<T>>,
  pageSize: number,
  dependencies: unknown[],
): OffsetList<T> {
  const [cursors, setCursors] = useState<string[]>([]);
  const offset = Number(cursors.at(-1) ?? 0);
  const list = useLoad((signal) => load(offset, signal), [...dependencies, offset]);
  const data = list.data;
  const next = data && data.offset + data.items.length < data.total ? String(data.offset + pageSize) : null;
  return { ...list, cursors, setCursors, next };
}

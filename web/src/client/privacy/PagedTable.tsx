import type { ReactNode } from "react";

import { Loading } from "../../ui/components";
import type { Loaded } from "../../ui/hooks";
import { NumberPager } from "./NumberPager";
import type { NumberedPage } from "./types";

interface Props<T> {
  list: Loaded<NumberedPage<T>>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** Shown when there are no items. */
  empty: string;
  /** The items (a table), when there are some. */
  children: (items: T[]) => ReactNode;
}

/** A numbered page of a privacy list: loading, its error, the items or an empty state, and the pager. */
export function PagedTable<T>({ list, page, pageSize, onPage, empty, children }: Props<T>) {
  return (
    <Loading loading={list.loading && !list.data} error={list.error}>
      {list.data?.items.length ? children(list.data.items) : <p>{empty}</p>}
      {list.data ? <NumberPager page={page} pageSize={pageSize} total={list.data.total} onChange={onPage} /> : null}
    </Loading>
  );
}

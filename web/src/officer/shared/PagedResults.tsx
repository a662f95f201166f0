import type { ReactNode } from "react";

import type { ApiError } from "../../api/http";
import { Loading } from "../../ui/components";
import { PageNav } from "./PageNav";
import { PAGE_SIZE, type PageOf } from "./types";

interface Props<T> {
  data: PageOf<T> | undefined;
  loading: boolean;
  error: ApiError | null;
  page: number;
  /** How many items a page holds (the privacy API's default page size unless told). */
  pageSize?: number;
  onPage: (page: number) => void;
  /** Shown when the list has no items. */
  empty: string;
  /** The items (a table), shown when there are some; the page navigation follows. */
  children: (page: PageOf<T>) => ReactNode;
}

/** A numbered page of a list: loading, its error, an empty state, or the items and the pages. */
export function PagedResults<T>({ data, loading, error, page, pageSize = PAGE_SIZE, onPage, empty, children }: Props<T>) {
  return (
    <Loading loading={loading && !data} error={error}>
      {data && data.items.length === 0 ? <p>{empty}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          {children(data)}
          <PageNav page={page} pageSize={pageSize} total={data.total} onChange={onPage} />
        </>
      ) : null}
    </Loading>
  );
}

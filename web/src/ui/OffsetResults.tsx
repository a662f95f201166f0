import type { ReactNode } from "react";

import type { OffsetPage } from "../api/assessments";
import { Loading, Pager } from "./components";
import type { OffsetList } from "./useOffsetList";

/** A page of an offset list: loading, its error, an empty state, or the items and the `Pager`. */
export function OffsetResults<T>({ list, empty, children }: { list: OffsetList<T>; empty: string; children: (page: OffsetPage<T>) => ReactNode }) {
  const data = list.data;
  return (
    <Loading loading={list.loading && !data} error={list.error}>
      {data && data.items.length === 0 ? <p>{empty}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          {children(data)}
          <Pager cursors={list.cursors} next={list.next} onChange={list.setCursors} />
        </>
      ) : null}
    </Loading>
  );
}

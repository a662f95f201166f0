import { useSearchParams } from "react-router-dom";

import { api } from "../../api/http";
import { useLoad, type Loaded } from "../../ui/hooks";
import { PAGE_SIZE, type PageOf } from "./types";

export interface PagedList<T, F extends string> extends Loaded<PageOf<T>> {
  /** Each filter's value in the address (`""` when not set). */
  filters: Record<F, string>;
  page: number;
  /** Sets a filter (an empty value removes it); changing a filter goes back to the first page. */
  update: (name: F | "page", value: string) => void;
  goTo: (page: number) => void;
}

/** A privacy API list filtered and paged by the address's query (`?<filter>=…&page=`). */
export function usePagedList<T, F extends string>(path: string, names: readonly F[]): PagedList<T, F> {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(names.map((name) => [name, params.get(name) ?? ""])) as Record<F, string>;
  const page = Number(params.get("page") ?? "1") || 1;
  const list = useLoad(
    (signal) => api<PageOf<T>>("privacy", path, { query: { ...filters, page, page_size: PAGE_SIZE }, signal }),
    [...names.map((name) => filters[name]), page],
  );
  function update(name: F | "page", value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  }
  return { ...list, filters, page, update, goTo: (next) => update("page", String(next)) };
}

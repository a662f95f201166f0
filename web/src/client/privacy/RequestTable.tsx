import type { ReactNode } from "react";

import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import { StateBadge } from "./StateBadge";

/** What every request row shows. */
interface RequestRow {
  reference: string;
  request_type: string;
  state: string;
  received_at: string;
}

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

interface Props<T extends RequestRow> {
  items: T[];
  rowKey: (item: T) => string;
  /** The reference cell (a link, say); the bare reference unless told. */
  reference?: (item: T) => ReactNode;
  /** The columns after reference, type, state and received. */
  columns: Column<T>[];
}

/** Privacy requests in a table: reference, type, state, received, then the caller's columns. */
export function RequestTable<T extends RequestRow>({ items, rowKey, reference = (item) => item.reference, columns }: Props<T>) {
  const { t, locale } = useLanguage();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("privacy.field.reference")}</th>
            <th scope="col">{t("privacy.field.type")}</th>
            <th scope="col">{t("privacy.field.state")}</th>
            <th scope="col">{t("privacy.field.received")}</th>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={rowKey(item)}>
              <td>{reference(item)}</td>
              <td>{t(`privacy.type.${item.request_type}`)}</td>
              <td>
                <StateBadge state={item.state} />
              </td>
              <td>{formatDate(item.received_at, locale)}</td>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(item)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

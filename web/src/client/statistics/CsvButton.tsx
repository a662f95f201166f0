import { download, type RequestOptions } from "../../api/http";
import { ErrorMessage } from "../../ui/components";
import { useAction } from "../../ui/hooks";

/** Downloads one of analytics' CSV tables (the request carries the access token). */
export function CsvButton({ path, filename, query, label }: { path: string; filename: string; query?: RequestOptions["query"]; label: string }) {
  const action = useAction(() => download("analytics", path, filename, query));
  return (
    <span className="csv-button">
      <button type="button" disabled={action.busy} onClick={() => void action.run()}>
        {label}
      </button>
      <ErrorMessage error={action.error} />
    </span>
  );
}

import { useLoad } from "../../ui/hooks";
import { fetchClient } from "./data";

const FALLBACK_ZONE = "Europe/Tallinn";

/** The client's time zone (accounts' settings): every schedule is shown and entered in it. */
export function useTimeZone(): { timeZone: string; loading: boolean } {
  const client = useLoad((signal) => fetchClient(signal), []);
  return { timeZone: client.data?.time_zone ?? FALLBACK_ZONE, loading: client.loading };
}

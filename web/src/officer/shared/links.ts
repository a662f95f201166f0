/** Where a link of the privacy API (as the dashboard gives them) is shown in the web app. */
export function webLink(apiLink: string): string | null {
  const [path, query] = apiLink.split("?", 2);
  const search = query ? `?${query}` : "";
  const parts = path.split("/").filter(Boolean);
  const [head, id] = parts;
  switch (head) {
    case "requests":
      return id ? `/app/privacy/requests/${id}` : `/app/privacy/requests${search}`;
    case "breaches":
      return id ? `/app/privacy/breaches/${id}` : `/app/privacy/breaches${search}`;
    case "offboardings":
      return id ? `/app/privacy/offboardings/${id}` : `/app/privacy/offboardings${search}`;
    case "consents":
      return "/app/privacy/consents";
    case "holds":
      return `/app/privacy/holds${search}`;
    case "retention":
      return "/app/privacy/retention";
    case "policies":
      return "/app/privacy/policies";
    case "audit":
      return "/app/privacy/audit";
    default:
      return null;
  }
}

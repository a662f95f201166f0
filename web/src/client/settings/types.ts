// Shapes of the API answers Settings reads (field names from the services' schemas).

export type { Offboarding } from "../../api/privacy";

export type ClientRole = "admin" | "editor" | "viewer";
export const CLIENT_ROLES: ClientRole[] = ["admin", "editor", "viewer"];

/** accounts: UserOut */
export interface Member {
  id: string;
  email: string;
  name: string | null;
  role: ClientRole;
  /** False while the invitation waits to be accepted. */
  joined: boolean;
}

/** accounts: UserPage */
export interface MemberPage {
  items: Member[];
  next_after: string | null;
}

/** accounts: Profile */
export interface Profile {
  id: string;
  tenant_id: string | null;
  email: string;
  name: string | null;
  role: string;
  pending_email: string | null;
}

/** accounts: ClientOut */
export interface ClientInfo {
  tenant_id: string;
  organisation_name: string;
  time_zone: string;
  language: "et" | "en";
  offboarding_requested_at: string | null;
}

/** delivery: Workspace */
export interface Workspace {
  team_id: string;
  name: string | null;
  icon_url: string | null;
  scopes: string[];
  installed_at: string;
}


import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

import { api, onAccessTokenChange, refreshAccessToken, setAccessToken } from "../api/http";

export type Role = "admin" | "editor" | "viewer" | "privacy_officer";

export interface SessionUser {
  id: string;
  /** The client the user belongs to; null for platform staff (privacy officers). */
  tenantId: string | null;
  roles: Role[];
}

interface SessionState {
  /** undefined while the first refresh is under way. */
  user: SessionUser | null | undefined;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (role: Role) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);
// Whether this browser logged in (the refresh cookie itself is HttpOnly, so unreadable here):
// a visitor who never did is not sent to /auth/refresh for a certain 401.
const SESSION_MARK = "soket.session";
const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3, privacy_officer: 0 };

function userOf(token: string | null): SessionUser | null {
  if (!token) return null;
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  const claims = JSON.parse(json) as { sub: string; tid: string | null; roles?: Role[] };
  return { id: claims.sub, tenantId: claims.tid, roles: claims.roles ?? [] };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    const stop = onAccessTokenChange((token) => {
      if (token) window.localStorage.setItem(SESSION_MARK, "1");
      else window.localStorage.removeItem(SESSION_MARK);
      setUser(userOf(token));
    });
    if (window.localStorage.getItem(SESSION_MARK)) {
      void refreshAccessToken().then((ok) => {
        if (!ok) setUser(null);
      });
    } else {
      setUser(null);
    }
    return stop;
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const body = await api<{ access_token: string }>("accounts", "/auth/login", {
      body: { email, password },
    });
    setAccessToken(body.access_token);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api("accounts", "/auth/logout", { method: "POST" });
    } finally {
      setAccessToken(null);
    }
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      user,
      login,
      logout,
      can: (role) => {
        if (!user) return false;
        if (role === "privacy_officer") return user.roles.includes("privacy_officer");
        return user.roles.some((held) => RANK[held] >= RANK[role] && held !== "privacy_officer");
      },
    }),
    [user, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

export function isOfficer(user: SessionUser | null | undefined): boolean {
  return Boolean(user?.roles.includes("privacy_officer"));
}

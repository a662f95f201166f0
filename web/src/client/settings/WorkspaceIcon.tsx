import { useEffect, useState } from "react";

import { request } from "../../api/http";

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(blob);
  });
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/**
 * The workspace's icon, fetched through delivery (never from Slack's servers, P5) and shown as
 * a data: URL, which the Content-Security-Policy (`img-src 'self' data:`) allows. Its initial
 * stands in while it loads or when there is none.
 */
export function WorkspaceIcon({ teamId, name, alt }: { teamId: string; name: string; alt: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setSource(null);
    request("delivery", `/workspaces/slack/${encodeURIComponent(teamId)}/icon`, { signal: controller.signal })
      .then((response) => response.blob())
      .then((blob) => (IMAGE_TYPES.includes(blob.type) ? asDataUrl(blob) : null))
      .then((url) => {
        if (!controller.signal.aborted) setSource(url);
      })
      .catch(() => {
        // no icon, or Slack did not give it: the initial stays
      });
    return () => controller.abort();
  }, [teamId]);
  if (source) return <img className="settings-workspace-icon" src={source} alt={alt} width={48} height={48} />;
  return (
    <span className="settings-workspace-icon empty" aria-hidden="true">
      {(name.trim()[0] ?? "S").toUpperCase()}
    </span>
  );
}

import { api } from "../api/http";
import type { Language } from "../i18n";
import type { PublicPolicies, PublicRegister, PublicVersion } from "./types";

export function loadPolicies(signal: AbortSignal): Promise<PublicPolicies> {
  return api<PublicPolicies>("privacy", "/public/policies", { signal });
}

export function loadRegister(signal: AbortSignal): Promise<PublicRegister> {
  return api<PublicRegister>("privacy", "/public/register", { signal });
}

export interface VersionText {
  /** The language the text or link is in: the reader's, or the other one when only that exists. */
  language: Language;
  text: string | null;
  url: string | null;
}

/** The version in the reader's language, else in the other one. */
export function textOf(version: PublicVersion, language: Language): VersionText {
  const order: Language[] = language === "et" ? ["et", "en"] : ["en", "et"];
  for (const candidate of order) {
    const text = candidate === "et" ? version.text_et : version.text_en;
    const url = candidate === "et" ? version.url_et : version.url_en;
    if (text || url) return { language: candidate, text, url };
  }
  return { language, text: null, url: null };
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

import { authMessages } from "../auth/messages";
import { clientMessages } from "../client/messages";
import { officerMessages } from "../officer/messages";
import { publicMessages } from "../public/messages";
import { commonMessages } from "./common";

export type Language = "en" | "et";
export const LANGUAGES: Language[] = ["en", "et"];

/** Each area keeps its own texts; an Estonian text is required for every English one. */
export interface Messages<Key extends string> {
  en: Record<Key, string>;
  et: Record<Key, string>;
}

const AREAS = [commonMessages, authMessages, publicMessages, clientMessages, officerMessages];

const ALL: Record<Language, Record<string, string>> = {
  en: Object.assign({}, ...AREAS.map((area) => area.en)) as Record<string, string>,
  et: Object.assign({}, ...AREAS.map((area) => area.et)) as Record<string, string>,
};

export type Translate = (key: string, parameters?: Record<string, string | number>) => string;

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** Dates and numbers in the chosen language's conventions. */
  locale: string;
}

const LanguageContext = createContext<LanguageState | null>(null);
// A preference the person chose in the interface: kept in their browser, never sent anywhere.
const STORAGE_KEY = "soket.language";

function initialLanguage(): Language {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  if (saved === "en" || saved === "et") return saved;
  return navigator.language.toLowerCase().startsWith("et") ? "et" : "en";
}

export function translate(language: Language, key: string, parameters?: Record<string, string | number>): string {
  const text = ALL[language][key] ?? ALL.en[key] ?? key;
  if (!parameters) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in parameters ? String(parameters[name]) : whole));
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<LanguageState>(
    () => ({
      language,
      setLanguage,
      t: (key, parameters) => translate(language, key, parameters),
      locale: language === "et" ? "et-EE" : "en-GB",
    }),
    [language, setLanguage],
  );
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error("useLanguage outside LanguageProvider");
  return state;
}

export function useT(): Translate {
  return useLanguage().t;
}

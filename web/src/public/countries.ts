/** ISO country codes as names in the reader's language ("IE" → "Ireland" / "Iirimaa"). */
export function countryNames(codes: string[], locale: string): string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: "region" });
  } catch {
    names = null;
  }
  return codes.map((code) => names?.of(code) ?? code).join(", ");
}

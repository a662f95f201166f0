/** A hash or signature, whole (it is compared by eye or copied), wrapping on narrow screens. */
export function Hash({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return <code className="officer-hash">{value}</code>;
}

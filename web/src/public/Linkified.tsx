/** Text from the API with its web addresses as links (they open elsewhere, with no referrer). */
export function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s,;)]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part} rel="noreferrer noopener">
            {part.replace(/^https?:\/\//, "").replace(/\/$/, "")}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** An email address as a mailto link; anything else as linkified text. */
export function ContactLink({ contact }: { contact: string }) {
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact.trim())) {
    return <a href={`mailto:${contact.trim()}`}>{contact.trim()}</a>;
  }
  return <Linkified text={contact} />;
}

import type { ReactNode } from "react";

// A policy text as the privacy officer published it: plain text (headings on lines of their own,
// "•" or "-" bullets) or light Markdown ("#" headings, "-" lists, **bold**). It is turned into
// React elements here, never injected as HTML.

export type Block =
  | { kind: "heading"; level: 3 | 4; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] };

const BULLET = /^\s*(?:[•·▪◦‣\-*–—])\s+/;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.*)$/;
/** A short line of its own with no sentence ending (a question mark may end a heading). */
function looksLikeHeading(line: string): boolean {
  return line.length <= 80 && /\p{L}/u.test(line) && !/[.,;:!)]$/.test(line);
}

export function parsePolicy(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const heading = MARKDOWN_HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1].length <= 2 ? 3 : 4, text: heading[2].replace(/#+$/, "").trim() });
      continue;
    }
    if (BULLET.test(raw)) {
      const item = line.replace(BULLET, "");
      const last = blocks[blocks.length - 1];
      if (last?.kind === "list") last.items.push(item);
      else blocks.push({ kind: "list", items: [item] });
      continue;
    }
    blocks.push(looksLikeHeading(line) ? { kind: "heading", level: 3, text: line } : { kind: "paragraph", text: line });
  }
  return blocks;
}

/** **bold** as <strong>, the rest as text. */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, index) =>
    part.startsWith("**") && part.endsWith("**") && part.length > 4 ? <strong key={index}>{part.slice(2, -2)}</strong> : part,
  );
}

export function PolicyText({ text, lang }: { text: string; lang: string }) {
  return (
    <div className="pub-policy-text" lang={lang}>
      {parsePolicy(text).map((block, index) => {
        if (block.kind === "heading") {
          const Heading = block.level === 3 ? "h3" : "h4";
          return <Heading key={index}>{inline(block.text)}</Heading>;
        }
        if (block.kind === "list") {
          return (
            <ul key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>{inline(item)}</li>
              ))}
            </ul>
          );
        }
        return <p key={index}>{inline(block.text)}</p>;
      })}
    </div>
  );
}

import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DOMParser } from "@xmldom/xmldom";

/** Test helper: renders an element to HTML and parses it, so tests can query the real markup. */
export function renderStatic(element: ReactElement) {
  const html = renderToStaticMarkup(element);
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const all = (tag: string) => Array.from(doc.getElementsByTagName(tag));
  return {
    html,
    all,
    first(tag: string) {
      const found = all(tag)[0];
      if (!found) throw new Error(`no <${tag}> in: ${html}`);
      return found;
    },
    byId(id: string) {
      const found = doc.getElementById(id);
      if (!found) throw new Error(`no #${id} in: ${html}`);
      return found;
    },
    text: () => doc.documentElement?.textContent ?? "",
  };
}

/**
 * A request path as a label: segments that are words (or an API version) stay, anything else (ids, names, numbers)
 * becomes `{id}`, so a metric has one series per kind of call, not one per object.
 */
export function pathTemplate(path: string): string {
  const withoutQuery = path.split("?")[0] ?? "";
  return withoutQuery
    .split("/")
    .map((segment) => (segment === "" || /^(v\d+|[A-Za-z_]+)$/.test(segment) ? segment : "{id}"))
    .join("/");
}

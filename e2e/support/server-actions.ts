import type { Page, Request } from "@playwright/test";

/** A server action call as the browser sent it, so it can be replayed under another user's session. */
export type RecordedAction = { url: string; headers: Record<string, string>; body: string };

export function recordServerActions(page: Page): RecordedAction[] {
  const recorded: RecordedAction[] = [];
  page.on("request", (request: Request) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"]) {
      recorded.push({
        url: request.url(),
        headers: {
          "next-action": headers["next-action"],
          "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        body: request.postData() ?? "",
      });
    }
  });
  return recorded;
}

/** Sends a recorded action with this page's cookies and returns the raw React Server Components response text. */
export async function replay(page: Page, action: RecordedAction): Promise<string> {
  const response = await page.request.post(action.url, { headers: action.headers, data: action.body });
  return response.text();
}

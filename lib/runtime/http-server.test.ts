import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddressHeader } from "@/lib/http/client-address";
import { createAppServer, type AppServerOptions } from "@/lib/runtime/http-server";

const servers: ReturnType<typeof createAppServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server whose handler answers with the headers it was given (and the body, as `received-body`). */
async function serve(options: AppServerOptions) {
  const handled: string[] = [];
  const server = createAppServer(async (request, response) => {
    handled.push(request.url ?? "");
    let received = "";
    for await (const chunk of request) received += String(chunk);
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ ...request.headers, "received-body": received }));
  }, options);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request = async (headers: Record<string, string>, init: RequestInit = {}) => {
    const response = await fetch(`${base}/page`, { ...init, headers });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, string>,
    };
  };
  return { request, handled, host: new URL(base).host };
}

describe("the app's HTTP server", () => {
  it("ignores a client-sent X-Forwarded-For unless told to trust a proxy", async () => {
    const { request } = await serve({ trustProxy: false });
    const { body } = await request({ "X-Forwarded-For": "203.0.113.9", [clientAddressHeader]: "198.51.100.1" });
    expect(body[clientAddressHeader]).toBe("127.0.0.1");
  });

  it("behind a trusted proxy takes the entry the proxy appended, not the first one the client wrote", async () => {
    const oneHop = await serve({ trustProxy: true });
    expect((await oneHop.request({ "X-Forwarded-For": "10.6.6.6, 203.0.113.9" })).body[clientAddressHeader]).toBe(
      "203.0.113.9",
    );
    const twoHops = await serve({ trustProxy: true, proxyHops: 2 });
    expect(
      (await twoHops.request({ "X-Forwarded-For": "10.6.6.6, 203.0.113.9, 192.0.2.1" })).body[clientAddressHeader],
    ).toBe("203.0.113.9");
  });

  it("drops a client-sent X-Forwarded-Host", async () => {
    const { request } = await serve({ trustProxy: true });
    expect((await request({ "X-Forwarded-Host": "evil.example" })).body["x-forwarded-host"]).toBeUndefined();
  });

  it("refuses a server action from another origin with 403, and passes one from its own", async () => {
    const { request, handled, host } = await serve({
      trustProxy: false,
      publicUrl: "https://provisioner.example.test",
    });
    const foreign = await request(
      { "Next-Action": "abc123", Origin: "https://evil.example" },
      { method: "POST", body: "[]" },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({ code: "forbidden", error: "This request came from another site and was refused." });
    expect(handled).toEqual([]);
    expect(
      (await request({ "Next-Action": "abc123", Origin: `http://${host}` }, { method: "POST", body: "[]" })).status,
    ).toBe(200);
    expect(
      (
        await request(
          { "Next-Action": "abc123", Origin: "https://provisioner.example.test" },
          { method: "POST", body: "[]" },
        )
      ).status,
    ).toBe(200);
    expect(handled).toHaveLength(2);
  });

  it("sends HSTS only when the public URL is https", async () => {
    const https = await serve({ trustProxy: false, publicUrl: "https://provisioner.example.test" });
    expect((await https.request({})).headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    const http = await serve({ trustProxy: false, publicUrl: "http://localhost:3000" });
    expect((await http.request({})).headers.get("strict-transport-security")).toBeNull();
  });

  it("answers a malformed server action call with 400 before Next.js sees it, and passes a good one on whole", async () => {
    const { request, handled, host } = await serve({ trustProxy: false });
    const action = { "Next-Action": "abc123", Origin: `http://${host}`, "Content-Type": "text/plain;charset=UTF-8" };
    for (const body of ["garbage{{", "[1,2", '{"not":"a list"}', ""]) {
      const answer = await request(action, { method: "POST", body });
      expect(answer.status, body).toBe(400);
      expect(answer.body).toEqual({
        code: "invalid_input",
        error: "The request body is not a well-formed server action call. Reload the page and try again.",
      });
    }
    const truncatedForm = await request(
      { ...action, "Content-Type": "multipart/form-data; boundary=xyz" },
      { method: "POST", body: '--xyz\r\nContent-Disposition: form-data; name="1"\r\n\r\n"a"' },
    );
    expect(truncatedForm.status).toBe(400);
    expect(handled).toEqual([]);

    const good = JSON.stringify([{ tenantId: "t", note: "é".repeat(40_000) }]);
    const passed = await request(action, { method: "POST", body: good });
    expect(passed.status).toBe(200);
    expect(passed.body["received-body"]).toBe(good);
    const form = '--xyz\r\nContent-Disposition: form-data; name="1"\r\n\r\n"a"\r\n--xyz--\r\n';
    const passedForm = await request(
      { ...action, "Content-Type": "multipart/form-data; boundary=xyz" },
      { method: "POST", body: form },
    );
    expect(passedForm.body["received-body"]).toBe(form);
    expect(handled).toHaveLength(2);
  });

  it("refuses a server action call over the body size limit with 413", async () => {
    const { request, handled, host } = await serve({ trustProxy: false });
    const answer = await request(
      { "Next-Action": "abc123", Origin: `http://${host}`, "Content-Type": "text/plain;charset=UTF-8" },
      { method: "POST", body: JSON.stringify(["x".repeat(1024 * 1024)]) },
    );
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe("too_large");
    expect(handled).toEqual([]);
  });
});

// The dev CA: servers it certifies are trusted by clients that trust the CA, and by nobody else; the dev tenant
// only listens on loopback and writes nothing but ca.pem.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import { startDevTenant } from "../../src/devtenant/index.js";
import { createCertificateAuthority } from "../../src/devtenant/tls.js";

async function withServer(cert: { key: string; cert: string }, work: (port: number) => Promise<void>): Promise<void> {
  const server = https.createServer(cert, (_req, res) => res.end("hello"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await work((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe("dev certificate authority", () => {
  const ca = createCertificateAuthority();

  it("issues leaf certificates for IPs and DNS names that chain to the CA", () => {
    const leaf = ca.issueServerCert(["127.0.0.1", "localhost", "::1"]);
    const cert = new X509Certificate(leaf.cert);
    const root = new X509Certificate(ca.certPem);
    expect(cert.verify(root.publicKey)).toBe(true);
    expect(cert.checkIssued(root)).toBe(true);
    expect(root.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("10.0.0.1")).toBeUndefined();
    expect(() => ca.issueServerCert([])).toThrow(/at least one hostname/);
  });

  it("is trusted only by clients that trust the CA, for the names it was issued for", async () => {
    await withServer(ca.issueServerCert(["127.0.0.1"]), async (port) => {
      const trusting = new Agent({ connect: { ca: ca.certPem } });
      const reply = await request(`https://127.0.0.1:${port}/`, { dispatcher: trusting });
      expect(await reply.body.text()).toBe("hello");
      await trusting.close();

      const defaultTrust = new Agent();
      await expect(request(`https://127.0.0.1:${port}/`, { dispatcher: defaultTrust })).rejects.toThrow(/certificate/i);
      await defaultTrust.close();
      const otherCa = new Agent({ connect: { ca: createCertificateAuthority().certPem } });
      await expect(request(`https://127.0.0.1:${port}/`, { dispatcher: otherCa })).rejects.toThrow(/certificate/i);
      await otherCa.close();
    });
    await withServer(ca.issueServerCert(["db.local"]), async (port) => {
      const trusting = new Agent({ connect: { ca: ca.certPem } });
      await expect(request(`https://127.0.0.1:${port}/`, { dispatcher: trusting })).rejects.toThrow(/altnames|IP: 127\.0\.0\.1/i);
      await trusting.close();
    });
  });
});

describe("startDevTenant network and state", () => {
  it("refuses non-loopback hosts", async () => {
    await expect(startDevTenant({ host: "0.0.0.0", users: 10, extraTenants: [] })).rejects.toThrow(/loopback only/);
    await expect(startDevTenant({ host: "example.com", users: 10, extraTenants: [] })).rejects.toThrow(/loopback only/);
  });

  it("writes only ca.pem into its state directory and serves with a certificate from that CA", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "devtenant-state-"));
    const dev = await startDevTenant({ users: 10, extraTenants: [], stateDir });
    try {
      expect(await readdir(stateDir)).toEqual(["ca.pem"]);
      expect(await readFile(dev.caCertPath, "utf8")).toBe(dev.caCertPem);
      expect(dev.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const agent = new Agent({ connect: { ca: dev.caCertPem } });
      const reply = await request(`${dev.url}/common/discovery/v2.0/keys`, { dispatcher: agent });
      expect(reply.statusCode).toBe(200);
      await reply.body.dump();
      await agent.close();
    } finally {
      await dev.stop();
    }
  });
});

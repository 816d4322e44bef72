// The dev tenant's private certificate authority. A fresh CA is generated at every start; its certificate is the
// only thing written to disk (ca.pem) so that clients can trust it explicitly — TLS verification stays on.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import forge from "node-forge";

export interface DevCertificateAuthority {
  certPem: string;
  /** Issues a leaf (server) certificate for the given DNS names / IP addresses, signed by this CA. */
  issueServerCert(hostnames: readonly string[]): { key: string; cert: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** RSA keys come from node:crypto (native, fast); forge only builds and signs the X.509 structures. */
function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; privatePem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(privatePem),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
    privatePem,
  };
}

function serialNumber(): string {
  // Positive 16-byte serial (leading bit cleared so DER does not read it as negative).
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f;
  return bytes.toString("hex");
}

export function createCertificateAuthority(commonName = "Reverse Mentorship Dev Tenant CA", now: Date = new Date()): DevCertificateAuthority {
  const caKeys = newKeyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = caKeys.publicKey;
  caCert.serialNumber = serialNumber();
  caCert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  caCert.validity.notAfter = new Date(now.getTime() + 365 * DAY_MS);
  const caSubject = [{ name: "commonName", value: commonName }, { name: "organizationName", value: "Dev Tenant (local only)" }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(caKeys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(caCert);

  function issueServerCert(hostnames: readonly string[]): { key: string; cert: string } {
    if (hostnames.length === 0) throw new Error("issueServerCert needs at least one hostname or IP address");
    const keys = newKeyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
    cert.validity.notAfter = new Date(now.getTime() + 90 * DAY_MS);
    cert.setSubject([{ name: "commonName", value: hostnames[0] as string }]);
    cert.setIssuer(caCert.subject.attributes);
    const altNames = hostnames.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }));
    cert.setExtensions([
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames },
      { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(caKeys.privateKey, forge.md.sha256.create());
    return { key: keys.privatePem, cert: forge.pki.certificateToPem(cert) };
  }

  return { certPem, issueServerCert };
}

// An independent ZIP reader for tests: it walks the archive from the end-of-central-directory record, as
// Teams and unzip tools do, inflates every entry and checks its CRC-32 and sizes against both headers.
import { crc32, inflateRawSync } from "node:zlib";

export interface ReadEntry {
  name: string;
  data: Buffer;
  method: number;
}

export function readZip(zip: Buffer): ReadEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("no end-of-central-directory record");
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  let offset = zip.readUInt32LE(eocd + 16);
  if (offset + centralSize !== eocd) throw new Error("central directory does not end where the EOCD starts");
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central header at ${offset}`);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    entries.push({ name, method, data: readLocal(zip, localOffset, name, { crc, compressedSize, size, method }) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readLocal(zip: Buffer, offset: number, name: string, expected: { crc: number; compressedSize: number; size: number; method: number }): Buffer {
  if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
  if (zip.readUInt32LE(offset + 14) !== expected.crc) throw new Error(`local and central CRC differ for ${name}`);
  const nameLength = zip.readUInt16LE(offset + 26);
  const extraLength = zip.readUInt16LE(offset + 28);
  const localName = zip.subarray(offset + 30, offset + 30 + nameLength).toString("utf8");
  if (localName !== name) throw new Error(`local name "${localName}" differs from central name "${name}"`);
  const start = offset + 30 + nameLength + extraLength;
  const raw = zip.subarray(start, start + expected.compressedSize);
  const data = expected.method === 8 ? inflateRawSync(raw) : expected.method === 0 ? Buffer.from(raw) : null;
  if (data === null) throw new Error(`unsupported method ${expected.method} for ${name}`);
  if (data.length !== expected.size) throw new Error(`size mismatch for ${name}`);
  if (crc32(data) !== expected.crc) throw new Error(`CRC mismatch for ${name}`);
  return data;
}

// A minimal, deterministic ZIP writer (PKWARE APPNOTE 6.3: local file headers, deflate, central
// directory, end-of-central-directory record) on node:zlib. Enough for a Teams app package (a few small
// files at the root) without a new dependency. Entries carry a fixed 1980-01-01 timestamp so the same
// inputs always give byte-identical packages.
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  readonly name: string;
  readonly data: Buffer;
}

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION_NEEDED = 20; // 2.0: deflate
const FLAG_UTF8_NAMES = 1 << 11;
const METHOD_DEFLATE = 8;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const DOS_TIME_MIDNIGHT = 0;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

export function createZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > MAX_UINT16) throw new Error(`ZIP without ZIP64 holds at most ${MAX_UINT16} entries`);
  const seen = new Set<string>();
  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    assertValidName(entry.name, seen);
    const name = Buffer.from(entry.name, "utf8");
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    if (entry.data.length > MAX_UINT32 || compressed.length > MAX_UINT32 || offset > MAX_UINT32) {
      throw new Error(`"${entry.name}" needs ZIP64, which this writer does not produce`);
    }
    const local = localHeader(name, crc, compressed.length, entry.data.length);
    centralParts.push(centralHeader(name, crc, compressed.length, entry.data.length, offset));
    localParts.push(local, compressed);
    offset += local.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(centralParts);
  return Buffer.concat([...localParts, centralDirectory, endRecord(entries.length, centralDirectory.length, offset)]);
}

function assertValidName(name: string, seen: Set<string>): void {
  if (name === "" || name.startsWith("/") || name.includes("\\") || name.split("/").includes("..")) {
    throw new Error(`Invalid ZIP entry name "${name}": use a relative path with forward slashes`);
  }
  if (seen.has(name)) throw new Error(`Duplicate ZIP entry "${name}"`);
  seen.add(name);
}

function localHeader(name: Buffer, crc: number, compressedSize: number, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_FILE_HEADER, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(FLAG_UTF8_NAMES, 6);
  header.writeUInt16LE(METHOD_DEFLATE, 8);
  header.writeUInt16LE(DOS_TIME_MIDNIGHT, 10);
  header.writeUInt16LE(DOS_DATE_1980_01_01, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(compressedSize, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28); // extra field length
  return Buffer.concat([header, name]);
}

function centralHeader(name: Buffer, crc: number, compressedSize: number, size: number, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4); // version made by (MS-DOS, 2.0)
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(FLAG_UTF8_NAMES, 8);
  header.writeUInt16LE(METHOD_DEFLATE, 10);
  header.writeUInt16LE(DOS_TIME_MIDNIGHT, 12);
  header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
  header.writeUInt32LE(crc, 16);
  header.writeUInt32LE(compressedSize, 20);
  header.writeUInt32LE(size, 24);
  header.writeUInt16LE(name.length, 28);
  // extra length, comment length, disk number start, internal attributes, external attributes: all 0
  header.writeUInt32LE(localOffset, 42);
  return Buffer.concat([header, name]);
}

function endRecord(entryCount: number, centralSize: number, centralOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  // number of this disk and of the disk with the central directory: 0
  record.writeUInt16LE(entryCount, 8);
  record.writeUInt16LE(entryCount, 10);
  record.writeUInt32LE(centralSize, 12);
  record.writeUInt32LE(centralOffset, 16);
  record.writeUInt16LE(0, 20); // comment length
  return record;
}

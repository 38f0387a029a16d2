import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from "node:fs";

/** A file that could not be read: the message for the user, and whether it is their mistake. */
export class FileReadError extends Error {}

/**
 * GitHub refuses a push holding a file over 100 MiB, so a larger file can never reach a
 * repository there: it is reported as not scanned instead of read into memory.
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A listed path that was not read, and why. */
export interface NotScanned {
  notScanned: string;
  /** reported even for a walked path (a non-regular file is reported only when named) */
  tooLarge: boolean;
}

// O_NOFOLLOW: a symbolic link is not opened (ELOOP), so the path itself is judged, never what it
// points to, with no gap between a check and the open for the link to change in. O_NONBLOCK: the
// open of a FIFO does not wait for a writer (fstat then says what it is). Neither exists on
// Windows, where the link is looked for with lstat first.
const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = constants;
const openFlags = O_RDONLY | (O_NOFOLLOW ?? 0) | (O_NONBLOCK ?? 0);

/** a buffer grown past this for a large file is not kept for the files after it */
const KEEP_BYTES = 16 * 1024 * 1024;

/**
 * Reads file after file into one buffer, grown as a file needs, instead of a new buffer per
 * file: what the scan reads is valid until the next read. A symbolic link is read as git stores
 * it, its link text (what a commit adds), never its target: a link to a file outside the
 * repository or to `/dev/zero` is a short path. Anything else but a regular file (a device, a
 * FIFO, a socket) is not read, and a file is read up to the size fstat gave, at most
 * {@link MAX_FILE_BYTES}.
 */
export class FileReader {
  private buf = Buffer.allocUnsafe(1024 * 1024);

  /** The file's bytes; why it was not read; undefined for a listed file that vanished (explicit paths must be readable). */
  read(path: string, shown: string, explicit: boolean): Buffer | NotScanned | undefined {
    if (this.buf.length > KEEP_BYTES) this.buf = Buffer.allocUnsafe(1024 * 1024);
    let fd: number;
    try {
      if (O_NOFOLLOW === undefined && lstatSync(path).isSymbolicLink()) return readlinkSync(path, "buffer");
      fd = openSync(path, openFlags);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ELOOP (Linux, macOS) or EMLINK (FreeBSD): the path is a link, refused by O_NOFOLLOW
      const link = code === "ELOOP" || code === "EMLINK" ? linkText(path) : undefined;
      return link ?? unreadable(error, shown, explicit);
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { notScanned: `not a regular file (${kindOf(stat)}): not read`, tooLarge: false };
      if (stat.size > MAX_FILE_BYTES)
        return { notScanned: `${stat.size} bytes, over GitHub's 100 MiB file limit: not scanned`, tooLarge: true };
      if (stat.size > this.buf.length) this.buf = Buffer.allocUnsafe(stat.size);
      let length = 0;
      // no further than the size fstat gave: a file that grows meanwhile is not followed
      while (length < stat.size) {
        const read = readSync(fd, this.buf, length, stat.size - length, null);
        if (read === 0) break;
        length += read;
      }
      return this.buf.subarray(0, length);
    } catch (error) {
      return unreadable(error, shown, true); // it was there: failing to read it is an error
    } finally {
      closeSync(fd);
    }
  }
}

function linkText(path: string): Buffer | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path, "buffer") : undefined;
  } catch {
    return undefined;
  }
}

/** What a path that is not a regular file is, in a user's words. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "not a file";
}

function unreadable(error: unknown, shown: string, explicit: boolean): undefined {
  if (!explicit && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
  throw readFailure(error, shown);
}

function readFailure(error: unknown, shown: string): FileReadError {
  if (error instanceof FileReadError) return error;
  return new FileReadError(
    `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  );
}

/**
 * A file named as input (`--diff FILE`), read to its end but no further than
 * {@link MAX_FILE_BYTES}: it may be a pipe (`--diff <(git diff)`), whose size fstat does not give.
 */
export function readInputFile(path: string, shown: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw readFailure(error, shown);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_FILE_BYTES) throw new FileReadError(`cannot read ${shown}: larger than 100 MiB`);
    }
  } catch (error) {
    throw readFailure(error, shown);
  } finally {
    closeSync(fd);
  }
}

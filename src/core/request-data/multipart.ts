import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import busboy from "busboy";
import type { BodyLimits } from "./options.js";
import { addField, emptyRecord, type FieldValues } from "./records.js";
import { type Rejection, RequestDataRejected } from "./rejection.js";

/**
 * A file uploaded in a multipart form (Werkzeug's `FileStorage`), held in memory up to the
 * `bodyLimits.fileSize` limit.
 */
export interface UploadedFile {
  /** The file name the client gave (never a path to trust: it is the client's word). */
  readonly filename: string;
  /** The part's Content-Type: "application/octet-stream" when the client gave none. */
  readonly contentType: string;
  readonly size: number;
  readonly data: Buffer;
}

/** Uploaded files by field name; a field with several files is an array. */
export type UploadedFiles = { readonly [field: string]: UploadedFile | UploadedFile[] | undefined };

/** A multipart body, read: its text fields and its files. */
export interface MultipartBody {
  readonly form: FieldValues;
  readonly files: UploadedFiles;
}

const limitRejection = (what: string, limit: number, option: string): Rejection => ({
  status: 413,
  description: `The multipart body has ${what} than this server accepts (${limit}; the app's bodyLimits.${option} option).`,
});

function addFile(
  files: Record<string, UploadedFile | UploadedFile[]>,
  name: string,
  file: UploadedFile,
) {
  const earlier = files[name];
  if (earlier === undefined) files[name] = file;
  else if (Array.isArray(earlier)) earlier.push(file);
  else files[name] = [earlier, file];
}

/**
 * Reads a multipart/form-data body with busboy: text fields into a form, files into memory.
 * Over a limit (a file's size, the number of files or fields, the whole body) is a 413, a
 * malformed body a 400.
 * @example const { form, files } = await readMultipart(stream, req.headers, settings.limits);
 */
export function readMultipart(
  stream: Readable,
  headers: IncomingHttpHeaders,
  limits: Required<BodyLimits>,
): Promise<MultipartBody> {
  return new Promise((resolve, rejectPromise) => {
    const form = emptyRecord<string | string[]>();
    const files = emptyRecord<UploadedFile | UploadedFile[]>();
    let settled = false;
    let total = 0;
    const parser = busboy({
      headers,
      defParamCharset: "utf8",
      limits: {
        fileSize: limits.fileSize,
        files: limits.files,
        fields: limits.fields,
        parts: limits.files + limits.fields,
      },
    });
    const fail = (rejection: Rejection) => {
      if (settled) return;
      settled = true;
      stream.unpipe(parser);
      stream.pause();
      rejectPromise(new RequestDataRejected(rejection));
    };
    let pendingFiles = 0;
    let finished = false;
    const finish = () => {
      if (finished && pendingFiles === 0 && !settled) {
        settled = true;
        resolve({ form, files });
      }
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        fail(limitRejection("a longer field", 1024 * 1024, "fieldSize (1 MiB per field)"));
      } else addField(form, name, value);
    });
    parser.on("file", (name, file, info) => {
      pendingFiles++;
      const chunks: Buffer[] = [];
      let size = 0;
      file.on("data", (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      });
      file.once("limit", () =>
        fail(limitRejection("a larger file", limits.fileSize, "fileSize (bytes per file)")),
      );
      file.once("end", () => {
        pendingFiles--;
        if (!file.truncated) {
          addFile(files, name, {
            filename: info.filename ?? "",
            contentType: info.mimeType || "application/octet-stream",
            size,
            data: Buffer.concat(chunks, size),
          });
        }
        finish();
      });
    });
    parser.once("filesLimit", () => fail(limitRejection("more files", limits.files, "files")));
    parser.once("fieldsLimit", () => fail(limitRejection("more fields", limits.fields, "fields")));
    parser.once("partsLimit", () =>
      fail(limitRejection("more parts", limits.files + limits.fields, "files + fields")),
    );
    parser.once("error", () =>
      fail({ status: 400, description: "The multipart/form-data body is malformed." }),
    );
    parser.once("close", () => {
      finished = true;
      finish();
    });
    stream.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limits.multipart) {
        fail(limitRejection("more bytes", limits.multipart, "multipart (bytes in all)"));
      }
    });
    stream.once("error", () =>
      fail({
        status: 400,
        description: "The request body could not be read: it was cut short or wrongly encoded.",
      }),
    );
    stream.once("close", () => {
      if (!stream.readableEnded) {
        fail({ status: 400, description: "The request body was cut short." });
      }
    });
    stream.pipe(parser);
  });
}

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (contentType === undefined || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/**
 * Parses a multipart/form-data body strictly (RFC 7578): throws on anything a real
 * server would refuse — missing delimiters, a part without `Content-Disposition:
 * form-data; name=…`, a missing close delimiter.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.concat([CRLF, delimiter]);
  if (body.indexOf(delimiter) !== 0) throw new Error('body does not start with the boundary');
  const parts: MultipartPart[] = [];
  let offset = delimiter.length;
  for (;;) {
    if (body.subarray(offset, offset + 2).toString('latin1') === '--') return parts;
    if (!body.subarray(offset, offset + 2).equals(CRLF)) throw new Error('malformed delimiter line');
    offset += 2;
    const headerEnd = body.indexOf(HEADER_END, offset);
    if (headerEnd < 0) throw new Error('part headers never end');
    const headers = new Map<string, string>();
    for (const line of body.subarray(offset, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`malformed part header: ${line}`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const dataStart = headerEnd + HEADER_END.length;
    const dataEnd = body.indexOf(between, dataStart);
    if (dataEnd < 0) throw new Error('part never ends (no closing delimiter)');
    const disposition = headers.get('content-disposition') ?? '';
    if (!/^form-data\s*;/i.test(disposition)) throw new Error('part without Content-Disposition: form-data');
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new Error('part without a name');
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = headers.get('content-type');
    parts.push({
      name,
      data: body.subarray(dataStart, dataEnd),
      ...(filename === undefined ? {} : { filename }),
      ...(contentType === undefined ? {} : { contentType }),
    });
    offset = dataEnd + between.length;
  }
}

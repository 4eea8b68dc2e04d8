import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

/*
 * AWS Signature V4 as the AWS SDK computes it (`@smithy/signature-v4`, the signer
 * inside `@aws-sdk/client-s3` and its presigner), to check the signatures the fetch
 * store makes with aws4fetch. s3rver checks access key ids but not V4 signatures,
 * so without this nothing local would notice a wrong signature.
 */

interface SmithyRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}
interface SignatureV4 {
  presign(request: SmithyRequest, options: { expiresIn: number; signingDate: Date; unhoistableHeaders?: Set<string>; unsignableHeaders?: Set<string> }): Promise<SmithyRequest>;
  sign(request: SmithyRequest, options: { signingDate: Date; unsignableHeaders?: Set<string> }): Promise<SmithyRequest>;
}

// `@smithy/signature-v4` is not a dependency of its own: it is reached the way the SDK reaches it.
const fromSdk = createRequire(createRequire(import.meta.url).resolve('@aws-sdk/client-s3'));
const fromSigner = createRequire(fromSdk.resolve('@aws-sdk/signature-v4-multi-region'));
const { SignatureV4: SignatureV4Class } = fromSigner('@smithy/signature-v4') as { SignatureV4: new (options: object) => SignatureV4 };

class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** Whom a request is signed for. */
export interface SigningParty {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

function signerFor(party: SigningParty): SignatureV4 {
  return new SignatureV4Class({
    credentials: { accessKeyId: party.accessKeyId, secretAccessKey: party.secretAccessKey },
    region: party.region,
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
}

function toSmithy(method: string, url: URL, headers: Record<string, string>): SmithyRequest {
  return {
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...headers },
  };
}

/**
 * The `X-Amz-Signature` the AWS SDK's presigner gives a GET of `url` (no query)
 * signed at `date` for `expiresIn` seconds (UNSIGNED-PAYLOAD, host the only signed header).
 */
export async function sdkPresignSignature(url: string, party: SigningParty, date: Date, expiresIn: number): Promise<string> {
  const request = toSmithy('GET', new URL(url), { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
  const unsigned = new Set(['x-amz-content-sha256']);
  const presigned = await signerFor(party).presign(request, { expiresIn, signingDate: date, unhoistableHeaders: unsigned, unsignableHeaders: unsigned });
  return presigned.query['X-Amz-Signature'] ?? '';
}

/**
 * The `Authorization` header the AWS SDK's signer gives a request with these headers
 * (those of the request as sent, `authorization` left out; `x-amz-date` gives the
 * signing time; `content-type` is not signed, as aws4fetch does not sign it).
 */
export async function sdkAuthorization(method: string, url: string, sentHeaders: Record<string, string>, party: SigningParty): Promise<string> {
  const headers = Object.fromEntries(Object.entries(sentHeaders).filter(([name]) => !['authorization', 'content-length', 'host'].includes(name.toLowerCase())));
  const amzDate = headers['x-amz-date'] ?? '';
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signed = await signerFor(party).sign(toSmithy(method, new URL(url), headers), { signingDate: date, unsignableHeaders: new Set(['content-type']) });
  return signed.headers.authorization ?? signed.headers.Authorization ?? '';
}

/** The longest source key stored with a failed login. */
const MAX_SOURCE_LENGTH = 128;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4(text: string): string | null {
  const m = IPV4.exec(text);
  if (m === null) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts.join('.') : null;
}

/** The eight 16-bit groups of an IPv6 address, or null when `text` is not one. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/.test(text) || text.split('::').length > 2) return null;
  const expand = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = ipv4(piece);
        if (v4 === null) return null;
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = expand(head);
  const right = tail === undefined ? [] : expand(tail);
  if (left === null || right === null) return null;
  if (tail === undefined) return left.length === 8 ? left : null;
  if (left.length + right.length > 7) return null;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The key the login limit counts a client under: an IPv4 address as it is (an
 * IPv4-mapped IPv6 address as its IPv4 form), an IPv6 address by its /64 prefix — one
 * subscriber usually holds a whole /64, so counting single addresses would give an
 * attacker 2^64 fresh sources — and anything else a host supplies (see the HTTP
 * option `clientAddress`) trimmed and cut to 128 characters. No source at all is the
 * empty key, shared by every such request.
 *
 * @category Services
 */
export function loginSourceKey(source: string | null | undefined): string {
  const text = (source ?? '').trim().toLowerCase();
  if (text === '') return '';
  const v4 = ipv4(text);
  if (v4 !== null) return v4;
  // Brackets and a zone (`[fe80::1%eth0]`) say nothing about who is asking.
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const groups = ipv6Groups(bare);
  if (groups !== null) {
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
    return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
  }
  return text.slice(0, MAX_SOURCE_LENGTH);
}

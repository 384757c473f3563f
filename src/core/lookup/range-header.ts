/** One byte range: `first-last`, `first-` or `-suffix` (RFC 9110 §14.1.1), spaces around it. */
const RANGE_SPEC = " *(?:\\d+-\\d*|-\\d+) *";
const BYTE_RANGES = new RegExp(`^ *bytes=${RANGE_SPEC}(?:,${RANGE_SPEC})*$`);

/**
 * Whether a `Range` header is a well-formed set of byte ranges. The two static senders differ
 * on the others (`send` ignores "bytes=abc", `@fastify/send` answers it with a 416), so both
 * hosts drop such a header before sending: a malformed `Range` is ignored on either, as RFC
 * 9110 §14.2 allows, and the full file is sent.
 * @example isByteRanges("bytes=0-99, -10"); // true
 */
export function isByteRanges(header: string): boolean {
  return BYTE_RANGES.test(header);
}

import { createHmac, timingSafeEqual } from "node:crypto";

/** Why a signed value was refused: a bad or missing signature, or a signature too old. */
export type Unsigned = { readonly ok: true; readonly payload: string } | { readonly ok: false };

const REFUSED: Unsigned = Object.freeze({ ok: false });

/**
 * Signs and verifies values with HMAC-SHA256 and a timestamp (itsdangerous's
 * `TimestampSigner`, which Flask's session uses). The first secret key signs; every key
 * verifies, so that values signed before a key rotation stay valid. Each key is first derived
 * with a salt, so that a key used elsewhere cannot sign a session.
 * @example const signer = new TimestampSigner(["new", "old"], "session"); signer.unsign(signer.sign("data"), 3600);
 */
export class TimestampSigner {
  readonly #keys: readonly Buffer[];

  constructor(secretKeys: readonly string[], salt: string) {
    this.#keys = secretKeys.map((secret) => createHmac("sha256", secret).update(salt).digest());
  }

  #signature(key: Buffer, text: string): Buffer {
    return createHmac("sha256", key).update(text).digest();
  }

  /** `payload.timestamp.signature`, the payload as given (base64url it first), the time in seconds. */
  sign(payload: string, now = Date.now()): string {
    const key = this.#keys[0];
    if (key === undefined) throw new Error("A TimestampSigner needs at least one secret key.");
    const text = `${payload}.${Math.floor(now / 1000).toString(36)}`;
    return `${text}.${this.#signature(key, text).toString("base64url")}`;
  }

  /**
   * The payload of a signed value, when one of the keys signed it at most `maxAge` seconds
   * ago (and not in the future, past a minute of clock skew).
   */
  unsign(signed: string, maxAge: number, now = Date.now()): Unsigned {
    const signatureStart = signed.lastIndexOf(".");
    if (signatureStart === -1) return REFUSED;
    const text = signed.slice(0, signatureStart);
    const given = Buffer.from(signed.slice(signatureStart + 1), "base64url");
    const verified = this.#keys.some((key) => {
      const expected = this.#signature(key, text);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!verified) return REFUSED;
    const timeStart = text.lastIndexOf(".");
    const signedAt = Number.parseInt(text.slice(timeStart + 1), 36);
    const age = Math.floor(now / 1000) - signedAt;
    if (timeStart === -1 || !Number.isFinite(signedAt) || age > maxAge || age < -60) return REFUSED;
    return { ok: true, payload: text.slice(0, timeStart) };
  }
}

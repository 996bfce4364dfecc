// A comparison whose time does not depend on where two strings first differ, for passwords.

/**
 * Whether `given` equals `secret`, looking at every char of `given` whatever they hold: the time
 * taken depends only on the length of `given` (the caller's own input), never on how much of
 * the secret it matched nor on the secret's length. Redis's time_independent_strcmp compares
 * SHA-256 hashes of fixed length for the same reason; hashing is synchronous in no library
 * every layer can use, so the loop runs over the given string and wraps around the secret.
 */
export function timeIndependentEqual(given: string, secret: string): boolean {
  const n = given.length;
  const m = secret.length;
  let diff = n ^ m;
  for (let i = 0; i < n; i++) {
    // With an empty secret this compares with NaN | 0 = 0; diff already holds the lengths.
    diff |= given.charCodeAt(i) ^ (secret.charCodeAt(m === 0 ? 0 : i % m) | 0);
  }
  return diff === 0;
}

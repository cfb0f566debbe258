/**
 * The database's refusal message. better-sqlite3's native part keeps the SqliteError class of the
 * first test file a jest worker ran, so in later files it is no `instanceof Error` there and
 * `rejects.toThrow` reports "did not throw" (the refusal happened). Reading the message is exact.
 */
export function refusal(write: Promise<unknown>): Promise<string> {
  return write.then(
    () => "went through",
    (e: unknown) => String((e as { message?: unknown }).message),
  );
}

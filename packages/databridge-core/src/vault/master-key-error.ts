/** The master key could not be loaded. The message names the variable or file, never the key. */
export class MasterKeyError extends Error {
  /** @param message - What is wrong and how to fix it. */
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

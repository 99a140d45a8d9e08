/** A sealed value could not be opened. The message names the connection and purpose, never plaintext or keys. */
export class VaultError extends Error {
  /** The connection the value belongs to. */
  readonly connectionId: string;
  /** What the value holds, such as `tokens`. */
  readonly purpose: string;

  /** @param connectionId - Owner. @param purpose - Purpose. @param reason - Why, without secrets. */
  constructor(connectionId: string, purpose: string, reason: string) {
    super(`Cannot open the sealed ${purpose} of connection ${JSON.stringify(connectionId)}: ${reason}`);
    this.name = 'VaultError';
    this.connectionId = connectionId;
    this.purpose = purpose;
  }
}

/** Version of the sealed-record format and of these AAD layouts. */
export const SEALED_FORMAT_VERSION = 1;

/** AAD of the payload: binds it to its connection and purpose, so a ciphertext cannot move to another row. */
export function payloadAad(connectionId: string, purpose: string): Buffer {
  return Buffer.from(JSON.stringify(['databridge', SEALED_FORMAT_VERSION, 'payload', connectionId, purpose]));
}

/**
 * AAD of the wrapped data key: binds it to its connection, purpose and master key id. The payload AAD leaves the
 * key id out so that rotation re-wraps the data key without touching the payload.
 */
export function dekAad(connectionId: string, purpose: string, kid: string): Buffer {
  return Buffer.from(
    JSON.stringify(['databridge', SEALED_FORMAT_VERSION, 'dek', connectionId, purpose, kid]),
  );
}

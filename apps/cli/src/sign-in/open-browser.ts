import open from 'open';

/**
 * Opens `url` in the user's default browser. Never throws: when no browser can be started the printed URL is the
 * way to go on, so this only says whether it worked.
 */
export async function openBrowser(url: string): Promise<boolean> {
  try {
    const child = await open(url, { wait: false });
    child.once('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

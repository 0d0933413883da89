import net from 'node:net';

/**
 * The names a browser may call the preview server by. A page elsewhere can point a name it owns at
 * 127.0.0.1 (DNS rebinding) and then read whatever the server answers under that name; it cannot
 * do so under `localhost` or an IP address, which no one else's DNS decides, so those are always
 * accepted (as Vite does), and any other name only when listed.
 */
export interface HostPolicy {
  /** Names accepted besides `localhost` and IP addresses: `preview.example`, or `.example.com` for it and every name below it. */
  readonly allowedHosts: readonly string[];
}

/** The policy for a server bound to `boundHost` (accepted when a name) with the listed extra names. */
export function hostPolicy(boundHost: string, allowedHosts: readonly string[]): HostPolicy {
  const bound = net.isIP(boundHost) === 0 ? [boundHost] : [];
  return { allowedHosts: [...bound, ...allowedHosts].map((name) => name.toLowerCase()) };
}

/** The host name of a `Host` header (`127.0.0.1:4321` → `127.0.0.1`, `[::1]:80` → `[::1]`), or undefined when it is not one. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader === '' || /[\s/?#@\\]/.test(hostHeader)) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

/** Whether a request whose `Host` header is `hostHeader` may be answered. */
export function isHostAllowed(hostHeader: string | undefined, policy: HostPolicy): boolean {
  const name = hostNameOf(hostHeader);
  if (name === undefined) return false;
  if (name === 'localhost' || net.isIP(name.replace(/^\[|\]$/g, '')) !== 0) return true;
  return policy.allowedHosts.some((allowed) => (allowed.startsWith('.') ? name === allowed.slice(1) || name.endsWith(allowed) : name === allowed));
}

/** Whether a request may use the live-reload stream: no `Origin` (not a cross-origin fetch), or the server's own (`http://` + its `Host`). */
export function isSameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (hostHeader === undefined) return false;
  try {
    return new URL(originHeader).origin === new URL(`http://${hostHeader}`).origin;
  } catch {
    return false;
  }
}

/** Whether an address the server bound (as the system reports it) is reachable from this machine only. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, '');
  return address === '::1' || (net.isIPv4(v4) && v4.startsWith('127.'));
}

// The key rate-limit.ts and stream-slots.ts count a client by (handler.ts passes it to both).

/**
 * What rate limits and stream slots count a client by: an IPv4 address as it is; an IPv6 address by its /64 network
 * (`2001:db8:1:2::/64`), since a single host gets a whole /64 and may send from any address in it (privacy
 * addresses, or simply adding some), which per address would make every limit endless. Any spelling of the same
 * network (leading zeros, `::`, case) is the same key.
 */
export function clientKeyOf(address: string | undefined): string {
  if (!address) return 'unknown';
  if (!address.includes(':')) return address;
  const halves = address.split('::');
  if (halves.length > 2) return address;
  // An IPv4 tail (`::ffff:…`, `64:ff9b::1.2.3.4`) is two groups, all beyond the /64.
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return address;
  const full = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...rest];
  if (!full.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return address;
  return `${full
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

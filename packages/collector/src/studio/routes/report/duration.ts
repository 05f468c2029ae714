// Time spans as the studio writes them (the closed loop's median time to close).
/** A time span as people say it, two units at most: `45 s`, `2 h 10 min`, `3 d 4 h`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const units: Array<[number, string]> = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
  ];
  const parts: string[] = [];
  let left = Math.round(s / 60) * 60;
  for (const [size, name] of units) {
    if (left >= size && parts.length < 2) parts.push(`${Math.floor(left / size)} ${name}`);
    else if (parts.length) break;
    left %= size;
  }
  return parts.join(' ');
}

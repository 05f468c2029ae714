// Sampling that is stable per person: the bucket is a hash of site, survey and
// the person's id, so the same visitor gets the same answer on every page (and
// on every device where they are identified), and raising the percentage only
// adds buckets, never removes anyone who was in.

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so the low digits are well mixed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The person's bucket for a survey, 0..9999. */
export function bucket(site: string, surveyId: string, personId: string): number {
  return hash32(`${site}\n${surveyId}\n${personId}`) % 10000;
}

/** True when the person falls within `percent` (0..100, two decimals of precision). */
export function sampled(site: string, surveyId: string, personId: string, percent = 100): boolean {
  return bucket(site, surveyId, personId) < Math.round(percent * 100);
}

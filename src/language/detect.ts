import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';

/** Characters of text sampled for detection: enough for a stable guess, bounded so long texts cost nothing extra. */
export const DETECT_SAMPLE_CHARS = 1000;

/** ISO 639-1 code of the text's language, or "und" when it is too short or unclear to tell. */
export function detectLanguage(text: string): string {
  const sample = text.length > DETECT_SAMPLE_CHARS ? text.slice(0, DETECT_SAMPLE_CHARS) : text;
  const code3 = franc(sample, { minLength: 20 });
  if (code3 === 'und') return 'und';
  return iso6393To1[code3] ?? code3;
}

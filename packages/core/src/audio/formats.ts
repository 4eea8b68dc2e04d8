/**
 * The content types {@link sniffAudioType} reports, one per format it recognises.
 *
 * @category Domain
 */
export const SNIFFED_AUDIO_TYPES = [
  'audio/wav',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/flac',
  'audio/ogg',
  'audio/opus',
  'audio/webm',
  'audio/x-matroska',
] as const;

/**
 * One of {@link SNIFFED_AUDIO_TYPES}.
 *
 * @category Domain
 */
export type SniffedAudioType = (typeof SNIFFED_AUDIO_TYPES)[number];

/**
 * A family of interchangeable content types: a file of one family may be declared
 * with any type of that family (`audio/x-m4a` for an `audio/mp4` file).
 *
 * @category Domain
 */
export type AudioFamily = 'wav' | 'mp3' | 'mp4' | 'flac' | 'ogg' | 'webm' | 'matroska';

/**
 * The families Pauz accepts as recordings (Matroska other than WebM is not one).
 *
 * @category Domain
 */
export const ACCEPTED_AUDIO_FAMILIES: readonly AudioFamily[] = Object.freeze(['wav', 'mp3', 'mp4', 'flac', 'ogg', 'webm']);

const FAMILY_OF_TYPE: Readonly<Record<string, AudioFamily>> = Object.freeze({
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/x-pn-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mpeg3': 'mp3',
  'audio/x-mpeg': 'mp3',
  'audio/x-mp3': 'mp3',
  'audio/x-mpeg-3': 'mp3',
  'audio/mpga': 'mp3',
  'audio/mp4': 'mp4',
  'audio/m4a': 'mp4',
  'audio/x-m4a': 'mp4',
  'audio/aac': 'mp4',
  'audio/x-aac': 'mp4',
  'audio/aacp': 'mp4',
  'video/mp4': 'mp4',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/vorbis': 'ogg',
  'application/ogg': 'ogg',
  'video/ogg': 'ogg',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/x-matroska': 'matroska',
  'video/x-matroska': 'matroska',
});

const EXTENSION_OF_FAMILY: Readonly<Record<AudioFamily, string>> = Object.freeze({
  wav: 'wav',
  mp3: 'mp3',
  mp4: 'm4a',
  flac: 'flac',
  ogg: 'ogg',
  webm: 'webm',
  matroska: 'mkv',
});

const AAC_TYPES: ReadonlySet<string> = new Set(['audio/aac', 'audio/x-aac', 'audio/aacp']);

/** `Audio/WebM; codecs=opus` → `audio/webm`. */
export function essenceOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The family of a content type (parameters ignored), or `null` when it is not a known audio type.
 *
 * @category Domain
 */
export function audioFamilyOf(contentType: string | null | undefined): AudioFamily | null {
  if (contentType === null || contentType === undefined) return null;
  return FAMILY_OF_TYPE[essenceOf(contentType)] ?? null;
}

/**
 * The file extension transcription services expect for a content type (they pick the
 * decoder by it): `audio/webm` → `webm`, `audio/mp4` → `m4a`, `audio/opus` → `ogg`.
 * `null` for types that are not known audio.
 *
 * @category Domain
 */
export function audioFileExtension(contentType: string): string | null {
  const essence = essenceOf(contentType);
  if (AAC_TYPES.has(essence)) return 'aac';
  const family = FAMILY_OF_TYPE[essence];
  return family === undefined ? null : EXTENSION_OF_FAMILY[family];
}

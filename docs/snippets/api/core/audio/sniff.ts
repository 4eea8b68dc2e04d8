import { isAcceptableAudio, PauzError, sniffAudioType } from '@pauz/core';

async function readRecording(request: Request): Promise<Uint8Array> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const type = sniffAudioType(bytes); // 'audio/webm', … or null
  if (!isAcceptableAudio(request.headers.get('content-type'), type)) {
    throw new PauzError('UNSUPPORTED_MEDIA_TYPE', 'not a supported audio file');
  }
  return bytes;
}

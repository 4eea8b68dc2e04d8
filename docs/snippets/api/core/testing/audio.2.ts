import { sniffAudioType } from '@pauz/core';
import { makeAudioSample } from '@pauz/core/testing';
import { expect } from 'vitest';

expect(sniffAudioType(makeAudioSample('webm'))).toBe('audio/webm');

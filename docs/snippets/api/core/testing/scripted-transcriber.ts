import { scriptedTranscriber } from '@pauz/core/testing';

const transcriber = scriptedTranscriber('I walked by the river.');
transcriber.mode = 'fail';

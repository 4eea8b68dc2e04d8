/**
 * The Raindrop `env.AI` binding for the tests, as a miniflare wrapped binding: this
 * worker's default export builds the binding object the service sees as `env.AI`.
 * It follows raindrop.md §3 (whisper takes `{audio: number[]}`, chat answers
 * `choices[0].message.content`) and checks its inputs as the real one needs them.
 */
import { fakeAiBinding } from '../../../packages/core/test/emulators/raindrop-ai.js';

export default function aiBinding(): ReturnType<typeof fakeAiBinding> {
  return fakeAiBinding();
}

/**
 * Scripted model answers for the emulators: a valid JSON answer for whichever Pauz
 * prompt was sent, recognised by the JSON shape the prompt asks for.
 */
export interface ChatInput {
  messages: { role: string; content: string }[];
}

/** A deterministic, valid answer to a Pauz writer prompt. */
export function defaultChatReply(input: ChatInput): string {
  const ask = input.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  if (ask.includes('"prompts"')) {
    const topic = /on the topic "([^"]+)"/.exec(ask)?.[1] ?? 'life';
    return JSON.stringify({ prompts: Array.from({ length: 9 }, (_, i) => `${topic} question ${i + 1}?`) });
  }
  if (ask.includes('"mood"')) {
    return JSON.stringify({
      mood: 'calm',
      summary: 'You wrote about a quiet day.',
      insights: ['Quiet days matter too.'],
      nextQuestions: ['What made it quiet?', 'What would you like tomorrow to hold?'],
    });
  }
  return JSON.stringify({ text: ask.includes('The page is empty') ? 'What is on your mind?' : 'What stood out to you most?' });
}

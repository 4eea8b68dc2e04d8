import { type GuidedPrompt, type GuidedTopic, sectionOfPrompt } from '../guided/topics.js';

type Nine = readonly [string, string, string, string, string, string, string, string, string];

/**
 * The offline writer's prompts: nine per topic, written around the topic's aspects —
 * 1–3 what is going well, 4–6 what needs improvement, 7–9 boundaries and commitments.
 */
const TEMPLATES: Readonly<Record<GuidedTopic, Nine>> = {
  mind: [
    'When did your mind feel clear and focused this week, and what helped?',
    'What thought or idea has been giving you energy lately?',
    'How have you given your mind rest recently, even briefly?',
    'What has been crowding your thoughts or causing you stress?',
    'When does your self-talk turn harsh, and what does it usually say?',
    'Which habit most often pulls your focus away from what matters?',
    'What will you stop letting into your mind (news, scrolling, comparisons) this week?',
    'What boundary would protect your time to think and to rest?',
    'What one small daily practice will you commit to for a calmer mind?',
  ],
  body: [
    'When did your body feel strong or full of energy recently?',
    'How has your sleep been supporting you lately?',
    'What kind of movement have you enjoyed this week?',
    'Where do you feel tension or tiredness in your body right now?',
    'What about how you eat and drink would you like to change?',
    'What usually gets in the way of the rest your body needs?',
    'What will you say no to so your body can rest?',
    'Which signal from your body will you stop ignoring?',
    'What one commitment to your body can you keep every day this week?',
  ],
  heart: [
    'Which feeling has been a welcome guest in your heart lately?',
    'When were you kind to yourself this week?',
    'Which of your emotional needs are being met right now, and by whom?',
    'What feeling have you been pushing away instead of listening to?',
    'Where do you judge yourself more harshly than you would judge a friend?',
    'What old hurt is still asking to be healed?',
    'What will you no longer accept in how others treat your feelings?',
    'How will you ask for what you need emotionally, and from whom?',
    'What will you do this week to care for your heart?',
  ],
  friends: [
    'Which friendship feels most nourishing right now, and why?',
    'When did a friend show up for you recently?',
    'Which moment with friends made you feel most like yourself?',
    'Which friendship feels distant, and what might have changed?',
    'Where do you give more support than you receive, or the other way round?',
    'What makes it hard for you to trust friends or open up to them?',
    'What will you no longer tolerate in a friendship?',
    'How much time and energy do you want to give your friendships, and where is the line?',
    'Which friend will you reach out to this week, and how?',
  ],
  family: [
    'What is going well in how your family talks with one another?',
    'When did you feel supported by your family lately?',
    'Which family tradition or shared habit do you treasure?',
    'Which conversation with your family have you been avoiding?',
    'Where does an old family pattern still shape how you react?',
    'What would make time with your family feel lighter or warmer?',
    'How much space do you need from your family, and how will you ask for it?',
    'Which topic or behaviour is off-limits for you, and how will you say so kindly?',
    'What will you do to strengthen one family relationship this month?',
  ],
  romance: [
    'What do you appreciate most about your partner or your love life right now?',
    'When did you last feel truly close and connected?',
    'Which shared plan or dream excites you?',
    'Where does communication in your relationship break down?',
    'Which need of yours in love is going unspoken?',
    'Which pattern in your relationship would you like to change?',
    'What do you need to keep your own time and identity within a relationship?',
    'What will you no longer accept in how you are treated in love?',
    'What gesture of love or honesty will you commit to this week?',
  ],
  mission: [
    'Which part of your work feels meaningful right now?',
    'When did you see the impact of what you do recently?',
    'Which of your values did you live out at work this week?',
    'Where does your work feel out of line with your purpose?',
    'Which task or responsibility drains you most, and why?',
    'What skill or support would help you do your best work?',
    'What will you say no to so you can focus on what matters?',
    'When does your working day end, and how will you protect that boundary?',
    'What one step toward your mission will you take this week?',
  ],
  growth: [
    'What have you learned recently that you are proud of?',
    'Which habit is quietly serving you well?',
    'Which challenge have you grown through lately?',
    'Which habit is holding you back, and what does it give you in return?',
    'Which goal have you been postponing, and what is the real reason?',
    'Where are you avoiding a discomfort that would help you grow?',
    'What will you stop doing to make room for growth?',
    'How will you protect time for learning in your week?',
    'What small, specific step toward a goal will you commit to?',
  ],
  money: [
    'Which money decision are you glad you made recently?',
    'How do your saving and planning give you a sense of security?',
    'When did spending or giving bring you real joy?',
    'Which spending habit do you regret or feel uneasy about?',
    'Which money worry keeps coming back, and what lies beneath it?',
    'What do you avoid looking at in your finances?',
    'What spending limit will you set for yourself, and why?',
    'How will you say no to money requests or pressures that do not fit your plans?',
    'What one concrete money step will you take this month?',
  ],
  joy: [
    'Which small pleasure made you smile this week?',
    'When did you last lose track of time doing something you love?',
    'How did time outdoors or in nature lift you recently?',
    'What used to bring you joy that you have let slip away?',
    'What keeps you too busy or too tired to play?',
    'Where are you waiting for permission to enjoy yourself?',
    'What will you protect time for, just for fun?',
    'Which joy-draining habit or obligation will you say no to?',
    'What playful or creative thing will you do this week?',
  ],
};

/** The fixed nine prompts of `topic`, ids 1–9 in their sections. */
export function templatePrompts(topic: GuidedTopic): GuidedPrompt[] {
  return TEMPLATES[topic].map((text, index) => ({ id: index + 1, section: sectionOfPrompt(index + 1), text }));
}

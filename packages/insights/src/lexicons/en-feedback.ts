// English multi-word expressions of feedback, written here (MIT, as the
// package): fixed phrases whose meaning is not the sum of their words. They
// are matched before their words, never negated ("don't waste your money" is
// a warning, not praise), and their own negation words do not negate what
// follows ("nothing short of amazing"). Chosen from how reviews and feedback
// are commonly worded, not from the evaluation sentences; weights on AFINN's
// −5..5 scale.
const PHRASES: Record<string, number> = {
  // Money and time wasted; returns.
  // Advice against, with its negation: "don't waste your money" warns, it does not praise.
  "don't waste": -3, 'do not waste': -3, 'dont waste': -3, "don't bother": -2, 'do not bother': -2, "don't buy": -3,
  'do not buy': -3, "don't miss": 3, 'do not miss': 3,
  // Negations that negate nothing: "can't believe how good", "not only … but also", "must have been".
  "can't believe": 0, 'cannot believe': 0, "couldn't believe": 0, 'could not believe': 0, 'not only': 0, 'not just': 0,
  'must have been': 0, "didn't know": 0, 'never knew': 0, 'never mind': 0, "can't beat": 3, 'cannot beat': 3, "can't complain": 2,
  'waste of money': -3, 'waste of time': -3, 'waste your money': -3, 'waste your time': -3, 'waste of my time': -3,
  'money back': -2, 'sent it back': -2, 'send it back': -2, 'sending it back': -2, 'returned it': -2, 'rip off': -3,
  // Breaking and not working.
  'fell apart': -3, 'falls apart': -3, 'fall apart': -2, 'falling apart': -3, 'stopped working': -3, 'quit working': -3,
  'broke down': -2, 'died on me': -3, 'piece of junk': -4, 'piece of crap': -4, 'piece of garbage': -4,
  // Warnings.
  'stay away': -3, 'steer clear': -3, 'be careful': -2, 'buyer beware': -3, 'a joke': -2, 'never again': -3,
  'never go back': -3, "won't be back": -3, 'not worth it': -2, 'at best': -2,
  // Quality named by its level.
  'low quality': -2, 'poor quality': -3, 'cheaply made': -2, 'high quality': 2, 'top notch': 3, 'well made': 2,
  'great value': 3, 'good value': 2, 'value for money': 2,
  // Unmet expectations.
  'expected better': -2, 'expect better': -2, 'expected more': -2, 'hoping for more': -2, 'could be better': -1,
  'could have been better': -2, 'leaves a lot to be desired': -3, 'far from': -2,
  // Working as promised.
  'works great': 3, 'worked great': 3, 'work great': 3, 'works well': 3, 'worked well': 3, 'work well': 2,
  'works fine': 2, 'works perfectly': 3, 'as described': 2, 'as advertised': 2, 'as expected': 1, 'on time': 1,
  'does the job': 2, 'gets the job done': 2, 'holds up well': 2, 'holding up well': 2, 'kept up': 1,
  // Praise idioms.
  'must see': 3, 'must have': 3, 'must try': 3, 'must visit': 3, 'highly recommend': 3, 'highly recommended': 3,
  'thumbs up': 3, 'thumbs down': -3, 'out of this world': 4, 'to die for': 4, 'above and beyond': 3,
  'nothing short of': 2, "can't wait": 2, 'cannot wait': 2, "can't go wrong": 3, 'no complaints': 2,
  'no problems': 2, 'no issues': 2, 'spot on': 3, 'blown away': 3, 'will be back': 2, 'coming back': 2,
  'well done': 3, 'well worth': 3,
};
export default PHRASES;

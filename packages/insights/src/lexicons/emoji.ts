// Common emoji of feedback, weighted here (MIT, as the package) on AFINN's
// −5..5 scale by what they say of an experience: a thumb, a face, a heart.
// Skin tones and the emoji variation selector follow the emoji they modify
// and do not change its weight.
const EMOJI: Record<string, number> = {
  '👍': 2, '👎': -2, '👌': 2, '👏': 2, '🙌': 2, '💯': 3, '⭐': 2, '🌟': 2, '🔥': 2, '🎉': 2, '✅': 1, '❌': -2,
  '❤️': 3, '❤': 3, '💕': 3, '💖': 3, '😍': 3, '🥰': 3, '😘': 2, '😀': 2, '😃': 2, '😄': 2, '😁': 2, '😊': 2,
  '🙂': 1, '😉': 1, '😎': 2, '🤩': 3, '😂': 1, '🤣': 1, '🥳': 3, '😋': 2,
  '😐': -1, '😕': -1, '🙁': -2, '☹️': -2, '☹': -2, '😞': -2, '😟': -2, '😔': -2, '😢': -2, '😭': -2, '😩': -2,
  '😫': -2, '😒': -2, '🙄': -2, '😤': -2, '😠': -3, '😡': -3, '🤬': -4, '🤮': -3, '🤢': -3, '💩': -3, '💔': -3,
  '😱': -2, '😖': -2, '😣': -2, '🥺': -1,
};
export default EMOJI;

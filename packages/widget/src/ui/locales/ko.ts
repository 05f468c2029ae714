// The widget's own strings in ko: a separate chunk, loaded only when a survey shows in ko.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "닫기",
  next: "다음",
  submit: "제출",
  sending: "보내는 중…",
  retry: "다시 시도",
  error: "죄송합니다. 응답을 저장하지 못했습니다.",
  thanks: "소중한 의견 감사합니다!",
  offline: "저장됨 — 다시 온라인이 되면 전송됩니다.",
  unsaved: "이 기기에 저장되지 않았습니다 — 이 페이지가 열려 있는 동안 전송됩니다.",
  step: "{total}단계 중 {current}단계",
  charsLeft: "{count}자 남음",
  placeholder: "자세히 알려 주세요(선택 사항)",
  npsMin: "전혀 그렇지 않다",
  npsMax: "매우 그렇다",
  csatMin: "매우 불만족",
  csatMax: "매우 만족",
  ces: "전혀 동의하지 않음|동의하지 않음|약간 동의하지 않음|보통|약간 동의함|동의함|매우 동의함",
  feedback: "의견",
  preview: "미리보기",
};
export default strings;

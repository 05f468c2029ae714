// The widget's own strings in ja: a separate chunk, loaded only when a survey shows in ja.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "閉じる",
  next: "次へ",
  submit: "送信",
  sending: "送信中…",
  retry: "再試行",
  error: "回答を保存できませんでした。",
  thanks: "フィードバックをありがとうございます！",
  offline: "保存しました。オンラインに戻ると送信されます。",
  unsaved: "この端末には保存されていません。このページを開いている間に送信されます。",
  step: "ステップ {current}/{total}",
  charsLeft: "残り {count} 文字",
  placeholder: "詳しく教えてください（任意）",
  npsMin: "まったく可能性がない",
  npsMax: "非常に可能性が高い",
  csatMin: "非常に不満",
  csatMax: "非常に満足",
  ces: "まったくそう思わない|そう思わない|あまりそう思わない|どちらでもない|ややそう思う|そう思う|とてもそう思う",
  feedback: "フィードバック",
  preview: "プレビュー",
};
export default strings;

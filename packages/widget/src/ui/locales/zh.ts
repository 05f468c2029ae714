// The widget's own strings in zh: a separate chunk, loaded only when a survey shows in zh.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "关闭",
  next: "下一步",
  submit: "提交",
  sending: "正在发送…",
  retry: "重试",
  error: "抱歉，无法保存您的回答。",
  thanks: "感谢您的反馈！",
  offline: "已保存——恢复联网后将自动发送。",
  unsaved: "未保存在此设备上——此页面保持打开时将会发送。",
  step: "第 {current} 步，共 {total} 步",
  charsLeft: "还可输入 {count} 个字符",
  placeholder: "请告诉我们更多（可选）",
  npsMin: "完全不可能",
  npsMax: "极有可能",
  csatMin: "非常不满意",
  csatMax: "非常满意",
  ces: "非常不同意|不同意|有点不同意|既不同意也不反对|有点同意|同意|非常同意",
  feedback: "反馈",
  preview: "预览",
};
export default strings;

// The widget's own strings in ar: a separate chunk, loaded only when a survey shows in ar.
import type { LocaleStrings } from '../strings.js';

const strings: LocaleStrings = {
  close: "إغلاق",
  next: "التالي",
  submit: "إرسال",
  sending: "جارٍ الإرسال…",
  retry: "إعادة المحاولة",
  error: "عذرًا، تعذّر حفظ إجابتك.",
  thanks: "شكرًا لملاحظاتك!",
  offline: "تم الحفظ — سيُرسل عند عودتك إلى الاتصال.",
  unsaved: "لم يُحفظ على هذا الجهاز — سيُرسل ما دامت هذه الصفحة مفتوحة.",
  step: "الخطوة {current} من {total}",
  charsLeft: "متبقٍ {count} حرفًا",
  placeholder: "أخبرنا المزيد (اختياري)",
  npsMin: "غير مرجّح على الإطلاق",
  npsMax: "مرجّح للغاية",
  csatMin: "غير راضٍ تمامًا",
  csatMax: "راضٍ تمامًا",
  ces: "لا أوافق بشدة|لا أوافق|لا أوافق إلى حد ما|محايد|أوافق إلى حد ما|أوافق|أوافق بشدة",
  feedback: "ملاحظات",
  preview: "معاينة",
};
export default strings;

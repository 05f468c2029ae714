// Per-language word lists, folded (NFKC, lower case) as the tokeniser folds.
//
// Stopwords are function words only (articles, pronouns, prepositions,
// auxiliaries). They never hold a negation, an intensifier or a word that
// carries opinion: common lists drop "not", "very", "great", "nicht", "pas",
// "sehr", "ne", "trop", which turns "not great" into "great" and hides the
// themes people complain about. `words.test.ts` checks the lists against each
// other and against the sentiment lexicons.
//
// Negations flip the sentiment of the words after them (and, in verb-second
// languages, before them); intensifiers scale it (boosters > 1, dampeners < 1);
// contrast words ("but") start a new clause and shift weight to what follows.

/** The words of one language the tokeniser, terms and sentiment use. */
export interface LanguageWords {
  stopwords: string;
  negations: string;
  boosters: string;
  dampeners: string;
  contrasts: string;
}

// Space-separated, so a list reads like the text it filters.
export const WORDS: Record<string, LanguageWords> = {
  en: {
    stopwords:
      "a an the and or of to in on at for with from by as into about over after before up out off than then " +
      "is are was were be been being am do does did doing have has had having will would shall should can could may might must " +
      "i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs " +
      "this that these those there here what which who whom whose when where why how if while because " +
      "i'm i've i'd i'll it's that's there's you're we're they're he's she's let's also just again once " +
      "any each other such own same some all",
    negations:
      "not no never none nobody nothing nowhere neither nor without cannot can't don't doesn't didn't isn't aren't wasn't weren't " +
      "won't wouldn't shouldn't couldn't haven't hasn't hadn't mustn't dont doesnt didnt isnt arent wasnt werent wont wouldnt " +
      "shouldnt couldnt havent hasnt hadnt cant hardly barely rarely",
    boosters:
      "very really extremely so too absolutely totally completely utterly incredibly highly super truly most more " +
      "especially particularly exceptionally terribly awfully insanely ridiculously hugely seriously",
    dampeners: "slightly somewhat fairly rather quite bit little barely kinda sorta partly less least marginally",
    contrasts: "but however although though yet whereas",
  },
  de: {
    stopwords:
      "der die das den dem des ein eine einer eines einem einen und oder im in am an auf für mit von vom zum zur bei aus nach über um " +
      "ist sind war waren bin bist sein seid hat haben hatte hatten habe wird werden wurde wurden " +
      "ich mich mir mein meine meinen meinem meiner wir uns unser unsere du dich dir dein deine sie er es ihr ihm ihn ihre ihren ihnen man " +
      "dass daß als wie wenn auch noch schon dann da hier dort diese dieser dieses diesen diesem jede jeder jedes",
    negations: "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand ohne weder keinesfalls keineswegs kaum",
    boosters: "sehr zu total extrem echt wirklich absolut völlig ziemlich besonders äußerst super mega richtig viel so",
    dampeners: "etwas bisschen leicht wenig kaum eher halbwegs",
    contrasts: "aber jedoch allerdings doch sondern obwohl trotzdem",
  },
  fr: {
    stopwords:
      "le la les l' un une des du de d' et ou à au aux en dans sur pour par avec ce cet cette ces c' ça cela " +
      "il elle ils elles on je j' me m' moi tu te t' toi vous nous se s' son sa ses leur leurs mon ma mes notre nos votre vos " +
      "qui que qu' quoi dont est sont était étaient été être ai as a avons avez ont avais avait y là ici",
    negations: "ne n' pas jamais rien aucun aucune personne sans ni guère nullement non",
    boosters: "très trop vraiment tellement extrêmement totalement complètement absolument hyper super si fort vachement particulièrement",
    dampeners: "peu assez légèrement plutôt moyennement",
    contrasts: "mais cependant pourtant toutefois néanmoins quoique",
  },
  es: {
    stopwords:
      "el la los las lo un una unos unas y e o u de del al a en con por para que se su sus mi mis tu tus " +
      "es son fue fueron era eran ser está están estaba estaban estar he ha han hemos había me te le les nos os yo él ella ellos ellas " +
      "este esta esto estos estas ese esa eso esos esas hay como cuando donde",
    negations: "no nunca jamás nada ni sin tampoco ningún ninguno ninguna nadie",
    boosters: "muy demasiado realmente totalmente completamente absolutamente súper tan extremadamente bastante sumamente",
    dampeners: "poco algo ligeramente apenas medio",
    contrasts: "pero sino aunque embargo",
  },
  it: {
    stopwords:
      "il lo la i gli le l' un uno una un' di del dello della dei degli delle da dal dallo dalla a al allo alla ai agli alle " +
      "in nel nello nella con su sul sulla per tra fra e ed o che è sono era erano essere ho hai ha abbiamo hanno " +
      "mi ti si ci vi io tu lui lei noi voi loro mio mia miei mie suo sua questo questa questi queste quello quella c' dell' all' nell' sull' dall'",
    negations: "non mai niente nulla nessuno nessuna senza né neanche nemmeno neppure",
    boosters: "molto troppo davvero veramente tanto estremamente assolutamente completamente totalmente super così proprio",
    dampeners: "poco abbastanza leggermente piuttosto alquanto",
    contrasts: "ma però tuttavia eppure invece sebbene",
  },
  pt: {
    stopwords:
      "o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com e ou que se seu sua seus suas meu minha " +
      "é são foi foram era eram ser está estão estava estar tem têm tinha eu tu ele ela eles elas nós você vocês me te lhe " +
      "este esta isto isso esse essa aquele aquela ao aos",
    negations: "não nunca jamais nada nem sem nenhum nenhuma ninguém tampouco",
    boosters: "muito demais realmente totalmente completamente absolutamente super tão extremamente bastante bem",
    dampeners: "pouco meio ligeiramente levemente",
    contrasts: "mas porém contudo entretanto todavia embora",
  },
  nl: {
    stopwords:
      "de het een en of van in op aan met voor door bij uit naar om is zijn was waren ben bent heeft hebben had hadden wordt worden werd " +
      "ik mij me mijn wij we ons onze jij je jou jouw u uw hij zij ze hem haar hun dat dit die deze er daar hier als dan ook",
    negations: "niet geen nooit niets niemand zonder nergens",
    boosters: "heel erg zeer te echt totaal extreem super enorm ontzettend hartstikke best zo",
    dampeners: "beetje iets redelijk nogal vrij enigszins",
    contrasts: "maar echter toch hoewel",
  },
  pl: {
    stopwords:
      "i w we z ze na do o od przez dla po przy a oraz lub czy że to jest są był była było byli były jestem jesteśmy " +
      "jak ten ta te tego tej tym tę ja ty on ona ono my wy oni one mnie mi mój moja moje mojej się go jej ich jego mu",
    negations: "nie nigdy nic bez żaden żadna żadne żadnego nikt ani",
    boosters: "bardzo zbyt za strasznie naprawdę totalnie całkowicie absolutnie super mega niezwykle wyjątkowo tak",
    dampeners: "trochę nieco lekko dość raczej",
    contrasts: "ale jednak lecz chociaż natomiast",
  },
  sv: {
    stopwords:
      "och i på av till med om från som att det den de en ett är var varit vara har hade jag mig min mitt mina vi oss vår våra " +
      "du dig din ditt han hon hen dem deras hans hennes denna detta dessa där här också sig eller",
    negations: "inte ej aldrig ingen inget inga ingenting utan varken",
    boosters: "mycket väldigt för jätte riktigt verkligen extremt helt totalt så otroligt super",
    dampeners: "lite ganska något aningen relativt",
    contrasts: "men dock fast",
  },
  ja: {
    stopwords:
      "は が を に で と の も へ や から まで より ね よ か な です ます でした ました だ だっ た て し する して い いる ある あり " +
      "この その あの これ それ あれ 私 僕 こと もの てい まし でし ませ",
    negations: "ない ません なかっ なく ず ぬ 無い",
    boosters: "とても すごく 非常 本当 めちゃくちゃ 超 かなり 大変 最も 全然",
    dampeners: "少し ちょっと やや",
    contrasts: "でも しかし けど けれど ただ",
  },
  zh: {
    stopwords: "的 了 是 在 和 或 与 也 就 都 而 及 着 过 吗 呢 吧 啊 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 有 把 被 给",
    negations: "不 没 没有 别 无 非 未 不是 不会 不能",
    boosters: "非常 很 太 特别 十分 极其 真 超 最 更",
    dampeners: "有点 稍微 略 一点",
    contrasts: "但是 但 可是 不过 然而",
  },
  ko: {
    stopwords: "이 그 저 것 수 등 및 그리고 저는 제가 나는 내가 우리 이것 그것 저것",
    negations: "안 못 않 않아요 않았어요 없 없어요 없다 아니 아니요 아닌",
    boosters: "매우 너무 정말 진짜 아주 완전 엄청 굉장히 가장",
    dampeners: "조금 약간 좀 다소",
    contrasts: "하지만 그러나 그런데 그렇지만",
  },
  ar: {
    stopwords: "في من على إلى الى عن مع هذا هذه ذلك تلك هو هي هم انا أنا نحن انت أنت التي الذي الذين ان أن إن كان كانت قد ثم او أو عند كل",
    negations: "لا لم لن ليس ليست ما غير بدون بلا",
    boosters: "جدا جداً كثيرا للغاية تماما حقا اكثر أكثر",
    dampeners: "قليلا بعض نوعا",
    contrasts: "لكن ولكن بل لكنه",
  },
  he: {
    stopwords: "של את על עם אל זה זאת זו הוא היא הם הן אני אנחנו אתה כי אם גם או כל יש היה הייתה היו",
    negations: "לא אין אף בלי ללא מעולם",
    boosters: "מאוד ממש נורא הכי יותר לגמרי",
    dampeners: "קצת מעט די",
    contrasts: "אבל אולם אך למרות",
  },
};

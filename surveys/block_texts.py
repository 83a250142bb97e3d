"""Family-facing texts of the ready-made survey blocks (issue 5).

Pure data: every leaf is a dict with one text per language in ``LANGUAGES``.
``de`` is German in Einfache Sprache (the family default), ``de-ls`` is Leichte
Sprache. Keys are stable English identifiers; the barrier options and the
helpfulness scale are keyed by number. ``{offering}`` and ``{district}`` are
placeholders that every language version of a text carries.
"""

from __future__ import annotations

from typing import Any

Text = dict[str, str]

LANGUAGES: list[str] = ["de", "de-ls", "en", "tr", "ar"]
RIGHT_TO_LEFT: set[str] = {"ar"}

_PREFER_NOT_TO_SAY: Text = {
    "de": "Möchte ich nicht sagen",
    "de-ls": "Das möchte ich nicht sagen.",
    "en": "I'd rather not say",
    "tr": "Söylemek istemiyorum",
    "ar": "أفضّل عدم الإجابة",
}


# ---------------------------------------------------------------------------
# Reach block: one set per offering
# ---------------------------------------------------------------------------

REACH_BLOCK: dict[str, Any] = {
    "intro": {
        "de": "Jetzt geht es um Angebote für Familien. Es gibt keine falschen Antworten.",
        "de-ls": "Jetzt kommen Fragen zu Angeboten für Familien. Es gibt keine falschen Antworten.",
        "en": "The next questions are about services for families. There are no wrong answers.",
        "tr": "Şimdiki sorular aileler için hizmetlerle ilgili. Yanlış cevap yoktur.",
        "ar": "الأسئلة التالية عن الخدمات المقدَّمة للعائلات. لا توجد إجابات خاطئة.",
    },
    "known": {
        "question": {
            "de": "Kennen Sie {offering}?",
            "de-ls": "Kennen Sie {offering}?",
            "en": "Do you know {offering}?",
            "tr": "Şu hizmeti biliyor musunuz: {offering}?",
            "ar": "هل تعرفون هذه الخدمة: {offering}؟",
        },
        "answers": {
            "not_known": {
                "de": "Kenne ich nicht",
                "de-ls": "Ich kenne das Angebot nicht.",
                "en": "I don't know it",
                "tr": "Bilmiyorum",
                "ar": "لا أعرف هذه الخدمة",
            },
            "known_not_used": {
                "de": "Kenne ich, nutze ich aber nicht",
                "de-ls": "Ich kenne das Angebot. Aber ich nutze es nicht.",
                "en": "I know it, but I don't use it",
                "tr": "Biliyorum ama kullanmıyorum",
                "ar": "أعرف هذه الخدمة لكن لا أستخدمها",
            },
            "used": {
                "de": "Nutze ich (in den letzten 12 Monaten)",
                "de-ls": "Ich habe das Angebot in den letzten 12 Monaten genutzt.",
                "en": "I use it (in the last 12 months)",
                "tr": "Kullanıyorum (son 12 ay içinde)",
                "ar": "أستخدم هذه الخدمة (خلال آخر 12 شهرًا)",
            },
        },
    },
    "helpful": {
        "question": {
            "de": "Wie hilfreich war {offering} für Sie?",
            "de-ls": "Wie gut hat {offering} Ihnen geholfen?",
            "en": "How helpful was {offering} for you?",
            "tr": "Şu hizmet size ne kadar yardımcı oldu: {offering}?",
            "ar": "ما مدى فائدة هذه الخدمة لكم: {offering}؟",
        },
        "scale": {
            1: {
                "de": "Gar nicht hilfreich",
                "de-ls": "Gar nicht",
                "en": "Not at all helpful",
                "tr": "Hiç yardımcı olmadı",
                "ar": "غير مفيدة إطلاقًا",
            },
            2: {
                "de": "Wenig hilfreich",
                "de-ls": "Wenig",
                "en": "A little helpful",
                "tr": "Az yardımcı oldu",
                "ar": "مفيدة قليلًا",
            },
            3: {
                "de": "Etwas hilfreich",
                "de-ls": "Etwas",
                "en": "Somewhat helpful",
                "tr": "Biraz yardımcı oldu",
                "ar": "مفيدة إلى حدّ ما",
            },
            4: {
                "de": "Hilfreich",
                "de-ls": "Gut",
                "en": "Helpful",
                "tr": "Yardımcı oldu",
                "ar": "مفيدة",
            },
            5: {
                "de": "Sehr hilfreich",
                "de-ls": "Sehr gut",
                "en": "Very helpful",
                "tr": "Çok yardımcı oldu",
                "ar": "مفيدة جدًا",
            },
        },
        "cannot_say": {
            "de": "Kann ich nicht sagen",
            "de-ls": "Das weiß ich nicht.",
            "en": "I can't say",
            "tr": "Söyleyemem",
            "ar": "لا أستطيع أن أقول",
        },
    },
    "barriers": {
        "question": {
            "de": "Was hat es schwer gemacht, {offering} zu nutzen?",
            "de-ls": "Sie nutzen {offering} nicht. Was war schwer für Sie?",
            "en": "What made it hard to use {offering}?",
            "tr": "Şu hizmeti kullanmanızı ne zorlaştırdı: {offering}?",
            "ar": "ما الذي صعّب عليكم استخدام هذه الخدمة: {offering}؟",
        },
        "hint": {
            "de": "Wählen Sie alles, was passt. Es gibt keine falschen Antworten.",
            "de-ls": "Sie können mehrere Antworten wählen. Es gibt keine falschen Antworten.",
            "en": "Choose all that apply. There are no wrong answers.",
            "tr": "Size uyan tüm cevapları seçin. Yanlış cevap yoktur.",
            "ar": "اختاروا كل ما ينطبق عليكم. لا توجد إجابات خاطئة.",
        },
        "options": {
            1: {
                "de": "Ich wusste nicht, dass es das Angebot gibt.",
                "de-ls": "Ich wusste nicht: Es gibt das Angebot.",
                "en": "I didn't know the service existed.",
                "tr": "Böyle bir hizmetin olduğunu bilmiyordum.",
                "ar": "لم أكن أعرف أن هذه الخدمة موجودة.",
            },
            2: {
                "de": "Ich wusste nicht, ob es für uns ist (zum Beispiel, ob wir Anspruch haben).",
                "de-ls": "Ich wusste nicht: Ist das Angebot für uns? Dürfen wir das Angebot bekommen?",
                "en": "I didn't know if it was for us (for example, if we had a right to it).",
                "tr": "Bizim için olup olmadığını bilmiyordum (örneğin hakkımız olup olmadığını).",
                "ar": "لم أكن أعرف إن كانت الخدمة لنا (مثلًا: هل يحق لنا الحصول عليها).",
            },
            3: {
                "de": "Die Informationen gibt es nicht in meiner Sprache.",
                "de-ls": "Es gibt die Informationen nicht in meiner Sprache.",
                "en": "The information is not available in my language.",
                "tr": "Bilgiler benim dilimde yok.",
                "ar": "المعلومات غير متوفرة بلغتي.",
            },
            4: {
                "de": "Texte oder Gespräche waren schwer zu verstehen.",
                "de-ls": "Die Texte waren schwer zu verstehen. Oder die Gespräche waren schwer zu verstehen.",
                "en": "Texts or conversations were hard to understand.",
                "tr": "Yazıları ya da konuşmaları anlamak zordu.",
                "ar": "كان من الصعب فهم النصوص أو المحادثات.",
            },
            5: {
                "de": "Antrag oder Formulare waren zu kompliziert, zu viele Nachweise.",
                "de-ls": "Der Antrag war zu schwer. Oder ich musste zu viele Papiere zeigen.",
                "en": "The application or forms were too complicated, with too many documents to show.",
                "tr": "Başvuru ya da formlar çok karmaşıktı, çok fazla belge istendi.",
                "ar": "كان الطلب أو الاستمارات معقّدة جدًا، والأوراق المطلوبة كثيرة.",
            },
            6: {
                "de": "Es kostet Geld, oder ich muss Geld vorstrecken.",
                "de-ls": "Das Angebot kostet Geld. Oder ich muss zuerst selbst bezahlen.",
                "en": "It costs money, or I have to pay first and get the money back later.",
                "tr": "Ücretli ya da parayı önce benim ödemem gerekiyor.",
                "ar": "الخدمة تكلّف مالًا، أو يجب أن أدفع أولًا ثم أستردّ المال لاحقًا.",
            },
            7: {
                "de": "Die Zeiten passen nicht.",
                "de-ls": "Die Zeiten passen nicht zu mir.",
                "en": "The times don't work for me.",
                "tr": "Saatler bana uymuyor.",
                "ar": "المواعيد لا تناسبني.",
            },
            8: {
                "de": "Der Weg ist zu weit.",
                "de-ls": "Der Weg ist zu weit.",
                "en": "It is too far away.",
                "tr": "Yol çok uzak.",
                "ar": "المكان بعيد جدًا.",
            },
            9: {
                "de": "Ich hatte keine Betreuung für meine anderen Kinder.",
                "de-ls": "Niemand konnte auf meine anderen Kinder aufpassen.",
                "en": "I had no one to look after my other children.",
                "tr": "Diğer çocuklarıma bakacak kimse yoktu.",
                "ar": "لم يكن هناك من يرعى أطفالي الآخرين.",
            },
            10: {
                "de": "Es gab keinen Platz oder lange Wartezeit.",
                "de-ls": "Es gab keinen Platz. Oder ich musste lange warten.",
                "en": "There was no place, or a long waiting time.",
                "tr": "Yer yoktu ya da uzun süre beklemek gerekiyordu.",
                "ar": "لم يكن هناك مكان، أو كان الانتظار طويلًا.",
            },
            11: {
                "de": "Ich habe mich geschämt.",
                "de-ls": "Ich habe mich geschämt.",
                "en": "I felt embarrassed.",
                "tr": "Utandım.",
                "ar": "شعرت بالحرج.",
            },
            12: {
                "de": "Ich habe schlechte Erfahrungen mit Ämtern gemacht.",
                "de-ls": "Ich habe mit Ämtern schlechte Erfahrungen gemacht.",
                "en": "I have had bad experiences with public offices.",
                "tr": "Resmî dairelerle kötü deneyimlerim oldu.",
                "ar": "مررت بتجارب سيئة مع الدوائر الرسمية.",
            },
            13: {
                "de": "Ich hatte Sorge vor Nachteilen (zum Beispiel mit dem Amt).",
                "de-ls": "Ich hatte Angst vor Problemen. Zum Beispiel mit einem Amt.",
                "en": "I was worried it could cause problems for me (for example with a public office).",
                "tr": "Başıma bir sorun gelmesinden endişe ettim (örneğin resmî dairelerle).",
                "ar": "كنت أخشى أن يسبّب لي ذلك مشاكل (مثلًا مع الدوائر الرسمية).",
            },
            14: {
                "de": "Ich hatte keine Kraft, zu viel anderes.",
                "de-ls": "Ich hatte keine Kraft. Ich hatte zu viele andere Dinge zu tun.",
                "en": "I had no energy left, too much else going on.",
                "tr": "Gücüm kalmamıştı, uğraşmam gereken başka çok şey vardı.",
                "ar": "لم تكن لديّ طاقة، كان عندي الكثير من الأمور الأخرى.",
            },
            15: {
                "de": "Ich wusste nicht, wen ich fragen kann.",
                "de-ls": "Ich wusste nicht: Wen kann ich fragen?",
                "en": "I didn't know who to ask.",
                "tr": "Kime sorabileceğimi bilmiyordum.",
                "ar": "لم أكن أعرف مَن أسأل.",
            },
            16: {
                "de": "Kein Internet oder Gerät, oder es ging nur online.",
                "de-ls": "Ich habe kein Internet oder kein Gerät. Oder es ging nur im Internet.",
                "en": "No internet or device, or it was only possible online.",
                "tr": "İnternetim ya da cihazım yok, ya da sadece internet üzerinden yapılabiliyordu.",
                "ar": "ليس لديّ إنترنت أو جهاز، أو كان ذلك ممكنًا عبر الإنترنت فقط.",
            },
            17: {
                "de": "Das Angebot passt nicht zu dem, was wir brauchen.",
                "de-ls": "Das Angebot passt nicht zu uns. Wir brauchen etwas anderes.",
                "en": "The service doesn't fit what we need.",
                "tr": "Bu hizmet ihtiyacımız olan şeye uymuyor.",
                "ar": "الخدمة لا تناسب ما نحتاج إليه.",
            },
            18: {
                "de": "Etwas anderes",
                "de-ls": "Etwas anderes.",
                "en": "Something else",
                "tr": "Başka bir şey",
                "ar": "شيء آخر",
            },
            19: {
                "de": "Nichts hat es schwer gemacht.",
                "de-ls": "Nichts war schwer.",
                "en": "Nothing made it hard.",
                "tr": "Hiçbir şey zorlaştırmadı.",
                "ar": "لم يكن هناك ما يصعّب الأمر.",
            },
        },
        "other_prompt": {
            "de": "Was hat es schwer gemacht? Bitte schreiben Sie keine Namen.",
            "de-ls": "Was war schwer? Schreiben Sie es bitte auf. Bitte schreiben Sie keine Namen.",
            "en": "What made it hard? Please do not write any names.",
            "tr": "Ne zorlaştırdı? Lütfen isim yazmayın.",
            "ar": "ما الذي صعّب الأمر؟ من فضلكم لا تكتبوا أي أسماء.",
        },
    },
}


# ---------------------------------------------------------------------------
# About your family: all optional, coarse on purpose
# ---------------------------------------------------------------------------

FAMILY_BLOCK: dict[str, Any] = {
    "title": {
        "de": "Über Ihre Familie",
        "de-ls": "Fragen zu Ihrer Familie",
        "en": "About your family",
        "tr": "Aileniz hakkında",
        "ar": "عن عائلتكم",
    },
    "intro": {
        "de": "Diese Fragen zeigen uns, welche Familien wir erreichen. Alle Fragen sind freiwillig. Wir fragen nur ungefähr, damit niemand Sie erkennen kann.",
        "de-ls": "Jetzt kommen Fragen zu Ihrer Familie. Alle Fragen sind freiwillig. Wir fragen nur ungefähr. So kann Sie niemand erkennen.",
        "en": "These questions show us which families we reach. All questions are optional. We only ask roughly, so that nobody can recognise you.",
        "tr": "Bu sorular hangi ailelere ulaştığımızı görmemize yardımcı olur. Tüm sorular isteğe bağlıdır. Kimse sizi tanıyamasın diye sadece genel olarak soruyoruz.",
        "ar": "تساعدنا هذه الأسئلة على معرفة العائلات التي نصل إليها. كل الأسئلة اختيارية. نسأل بشكل عام فقط، حتى لا يتعرّف عليكم أحد.",
    },
    "household": {
        "question": {
            "de": "Was passt zu Ihrer Familie?",
            "de-ls": "Wie leben Sie als Familie?",
            "en": "Which describes your family?",
            "tr": "Ailenize hangisi uyuyor?",
            "ar": "أيّ وصف يناسب عائلتكم؟",
        },
        "hint": {
            "de": "Diese Frage ist freiwillig. Sie können sie überspringen.",
            "de-ls": "Sie müssen diese Frage nicht beantworten.",
            "en": "This question is optional. You can skip it.",
            "tr": "Bu soru isteğe bağlıdır. Atlayabilirsiniz.",
            "ar": "هذا السؤال اختياري. يمكنكم تخطّيه.",
        },
        "options": {
            "single_parent": {
                "de": "Ich bin alleinerziehend.",
                "de-ls": "Ich lebe allein mit meinen Kindern.",
                "en": "I am a single parent.",
                "tr": "Çocuklarımı tek başıma büyütüyorum.",
                "ar": "أربّي أطفالي وحدي.",
            },
            "two_parents": {
                "de": "Wir sind zwei Eltern.",
                "de-ls": "Wir sind 2 Eltern.",
                "en": "We are two parents.",
                "tr": "İki ebeveyniz.",
                "ar": "نحن والدان نربّي الأطفال معًا.",
            },
            "other": {
                "de": "Anders",
                "de-ls": "Anders.",
                "en": "Other",
                "tr": "Başka",
                "ar": "وضع آخر",
            },
            "prefer_not_to_say": dict(_PREFER_NOT_TO_SAY),
        },
    },
    "children": {
        "question": {
            "de": "Wie viele Kinder leben in Ihrem Haushalt?",
            "de-ls": "Wie viele Kinder leben bei Ihnen?",
            "en": "How many children live in your household?",
            "tr": "Evinizde kaç çocuk yaşıyor?",
            "ar": "كم طفلًا يعيش معكم في البيت؟",
        },
        "hint": {
            "de": "Freiwillig. Sie müssen nicht antworten.",
            "de-ls": "Sie müssen diese Frage nicht beantworten.",
            "en": "Optional. You do not have to answer.",
            "tr": "İsteğe bağlı. Cevap vermek zorunda değilsiniz.",
            "ar": "اختياري. لستم مضطرين للإجابة.",
        },
        "options": {
            "one": {
                "de": "1 Kind",
                "de-ls": "1 Kind",
                "en": "1 child",
                "tr": "1 çocuk",
                "ar": "طفل واحد",
            },
            "two": {
                "de": "2 Kinder",
                "de-ls": "2 Kinder",
                "en": "2 children",
                "tr": "2 çocuk",
                "ar": "طفلان",
            },
            "three": {
                "de": "3 Kinder",
                "de-ls": "3 Kinder",
                "en": "3 children",
                "tr": "3 çocuk",
                "ar": "3 أطفال",
            },
            "four_or_more": {
                "de": "4 oder mehr Kinder",
                "de-ls": "4 Kinder oder mehr",
                "en": "4 or more children",
                "tr": "4 veya daha fazla çocuk",
                "ar": "4 أطفال أو أكثر",
            },
            "prefer_not_to_say": dict(_PREFER_NOT_TO_SAY),
        },
    },
    "age_groups": {
        "question": {
            "de": "Wie alt sind die Kinder?",
            "de-ls": "Wie alt sind die Kinder?",
            "en": "How old are the children?",
            "tr": "Çocuklar kaç yaşında?",
            "ar": "ما أعمار الأطفال؟",
        },
        "hint": {
            "de": "Freiwillig. Wählen Sie alles, was passt.",
            "de-ls": "Sie müssen nicht antworten. Sie können mehrere Antworten wählen.",
            "en": "Optional. Choose all that apply.",
            "tr": "İsteğe bağlı. Uyan tüm cevapları seçin.",
            "ar": "اختياري. اختاروا كل ما ينطبق.",
        },
        "options": {
            "age_0_2": {
                "de": "0 bis 2 Jahre",
                "de-ls": "0 bis 2 Jahre",
                "en": "0 to 2 years",
                "tr": "0–2 yaş",
                "ar": "من الولادة حتى سنتين",
            },
            "age_3_5": {
                "de": "3 bis 5 Jahre",
                "de-ls": "3 bis 5 Jahre",
                "en": "3 to 5 years",
                "tr": "3–5 yaş",
                "ar": "من 3 إلى 5 سنوات",
            },
            "age_6_9": {
                "de": "6 bis 9 Jahre",
                "de-ls": "6 bis 9 Jahre",
                "en": "6 to 9 years",
                "tr": "6–9 yaş",
                "ar": "من 6 إلى 9 سنوات",
            },
            "age_10_13": {
                "de": "10 bis 13 Jahre",
                "de-ls": "10 bis 13 Jahre",
                "en": "10 to 13 years",
                "tr": "10–13 yaş",
                "ar": "من 10 إلى 13 سنة",
            },
            "age_14_17": {
                "de": "14 bis 17 Jahre",
                "de-ls": "14 bis 17 Jahre",
                "en": "14 to 17 years",
                "tr": "14–17 yaş",
                "ar": "من 14 إلى 17 سنة",
            },
            "age_18_27": {
                "de": "18 bis 27 Jahre",
                "de-ls": "18 bis 27 Jahre",
                "en": "18 to 27 years",
                "tr": "18–27 yaş",
                "ar": "من 18 إلى 27 سنة",
            },
            "prefer_not_to_say": dict(_PREFER_NOT_TO_SAY),
        },
    },
    "benefits": {
        "question": {
            "de": "Bekommt Ihr Haushalt eine dieser Leistungen?",
            "de-ls": "Bekommt Ihre Familie etwas von dieser Liste?",
            "en": "Does your household receive any of these?",
            "tr": "Haneniz bunlardan herhangi birini alıyor mu?",
            "ar": "هل تحصل عائلتكم على أيّ من هذه المساعدات؟",
        },
        "hint": {
            "de": "Freiwillig. Wir fragen nur, um zu sehen, ob die Angebote die Familien erreichen, die sie brauchen. Niemand prüft Ihre Angabe.",
            "de-ls": "Sie müssen nicht antworten. Niemand prüft Ihre Antwort. Ihre Antwort hat keine Folgen für Ihr Geld.",
            "en": "Optional. We only ask to see whether services reach the families who need them. Nobody checks your answer.",
            "tr": "İsteğe bağlı. Bunu sadece hizmetlerin ihtiyacı olan ailelere ulaşıp ulaşmadığını görmek için soruyoruz. Cevabınızı kimse kontrol etmiyor.",
            "ar": "اختياري. نسأل فقط لنعرف هل تصل الخدمات إلى العائلات التي تحتاجها. لا أحد يتحقّق من إجابتكم.",
        },
        "options": {
            "basic_income_support": {
                "de": "Bürgergeld vom Jobcenter (SGB II)",
                "de-ls": "Bürger·geld vom Jobcenter",
                "en": "Bürgergeld (basic income support from the Jobcenter)",
                "tr": "Bürgergeld (Jobcenter'dan temel geçim yardımı)",
                "ar": "Bürgergeld – إعانة المعيشة الأساسية من مكتب العمل (Jobcenter)",
            },
            "child_supplement": {
                "de": "Kinderzuschlag (von der Familienkasse)",
                "de-ls": "Kinder·zuschlag von der Familien·kasse",
                "en": "Kinderzuschlag (extra child money from the Familienkasse)",
                "tr": "Kinderzuschlag (Familienkasse'den ek çocuk parası)",
                "ar": "Kinderzuschlag – علاوة إضافية للأطفال من صندوق الأسرة (Familienkasse)",
            },
            "housing_benefit": {
                "de": "Wohngeld",
                "de-ls": "Wohn·geld",
                "en": "Wohngeld (housing benefit)",
                "tr": "Wohngeld (kira yardımı)",
                "ar": "Wohngeld – إعانة السكن",
            },
            "education_participation": {
                "de": "Bildung und Teilhabe (BuT), zum Beispiel für Mittagessen, Lernhilfe oder Ausflüge",
                "de-ls": "Geld für Bildung und Teilhabe (BuT). Zum Beispiel für Essen in der Schule.",
                "en": "BuT – education and participation benefits (for example school lunch, tutoring or trips)",
                "tr": "BuT – eğitim ve katılım yardımı (örneğin okul yemeği, ders desteği ya da geziler)",
                "ar": "BuT – مساعدات التعليم والمشاركة (مثلًا: وجبة المدرسة، دروس التقوية، الرحلات)",
            },
            "berlinpass": {
                "de": "berlinpass",
                "de-ls": "berlinpass",
                "en": "berlinpass (Berlin card for people with low income)",
                "tr": "berlinpass (düşük gelirliler için Berlin kartı)",
                "ar": "berlinpass – بطاقة برلين لذوي الدخل المحدود",
            },
            "none": {
                "de": "Nichts davon",
                "de-ls": "Nichts davon.",
                "en": "None of these",
                "tr": "Hiçbiri",
                "ar": "لا شيء من هذه",
            },
            "prefer_not_to_say": dict(_PREFER_NOT_TO_SAY),
        },
    },
    "home_area": {
        "question": {
            "de": "In welchem Teil des Bezirks wohnen Sie?",
            "de-ls": "In welchem Teil vom Bezirk wohnen Sie?",
            "en": "Which part of the district do you live in?",
            "tr": "İlçenin hangi bölümünde oturuyorsunuz?",
            "ar": "في أيّ جزء من المنطقة تسكنون؟",
        },
        "hint": {
            "de": "Freiwillig. Wir fragen nur nach der Gegend, nicht nach Ihrer Adresse.",
            "de-ls": "Sie müssen nicht antworten. Wir wollen nicht Ihre Adresse wissen.",
            "en": "Optional. We only ask about the area, not your address.",
            "tr": "İsteğe bağlı. Sadece semti soruyoruz, adresinizi değil.",
            "ar": "اختياري. نسأل عن الحيّ فقط، وليس عن عنوانكم.",
        },
        "options": {
            "dont_know": {
                "de": "Weiß ich nicht",
                "de-ls": "Das weiß ich nicht.",
                "en": "I don't know",
                "tr": "Bilmiyorum",
                "ar": "لا أعرف",
            },
            "prefer_not_to_say": dict(_PREFER_NOT_TO_SAY),
        },
    },
    "languages": {
        "question": {
            "de": "Welche Sprachen sprechen Sie zu Hause?",
            "de-ls": "Welche Sprachen sprechen Sie zu Hause?",
            "en": "Which languages do you speak at home?",
            "tr": "Evde hangi dilleri konuşuyorsunuz?",
            "ar": "ما اللغات التي تتحدثونها في البيت؟",
        },
        "hint": {
            "de": "Freiwillig. Sie können mehrere Sprachen wählen.",
            "de-ls": "Sie müssen nicht antworten. Sie können mehrere Sprachen wählen.",
            "en": "Optional. You can choose more than one language.",
            "tr": "İsteğe bağlı. Birden fazla dil seçebilirsiniz.",
            "ar": "اختياري. يمكنكم اختيار أكثر من لغة.",
        },
        "options": {
            "other": {
                "de": "Eine andere Sprache",
                "de-ls": "Eine andere Sprache.",
                "en": "Another language",
                "tr": "Başka bir dil",
                "ar": "لغة أخرى",
            },
        },
    },
}


# ---------------------------------------------------------------------------
# What is missing?
# ---------------------------------------------------------------------------

MISSING_BLOCK: dict[str, Any] = {
    "title": {
        "de": "Was fehlt?",
        "de-ls": "Was fehlt?",
        "en": "What is missing?",
        "tr": "Eksik olan ne?",
        "ar": "ما الذي ينقص؟",
    },
    "choices": {
        "question": {
            "de": "Was würde Ihrer Familie helfen?",
            "de-ls": "Was würde Ihrer Familie helfen?",
            "en": "What would help your family?",
            "tr": "Ailenize ne yardımcı olurdu?",
            "ar": "ما الذي يمكن أن يساعد عائلتكم؟",
        },
        "hint": {
            "de": "Wählen Sie alles, was passt.",
            "de-ls": "Sie können mehrere Antworten wählen.",
            "en": "Choose all that apply.",
            "tr": "Uyan tüm cevapları seçin.",
            "ar": "اختاروا كل ما ينطبق عليكم.",
        },
        "options": {
            "info_in_my_language": {
                "de": "Mehr Informationen in meiner Sprache",
                "de-ls": "Mehr Informationen in meiner Sprache.",
                "en": "More information in my language",
                "tr": "Kendi dilimde daha fazla bilgi",
                "ar": "معلومات أكثر بلغتي",
            },
            "help_with_applications": {
                "de": "Hilfe bei Anträgen und Formularen",
                "de-ls": "Hilfe bei Anträgen.",
                "en": "Help with applications and forms",
                "tr": "Başvurularda ve formlarda yardım",
                "ar": "مساعدة في الطلبات والاستمارات",
            },
            "childcare_during_appointments": {
                "de": "Kinderbetreuung während Terminen",
                "de-ls": "Jemand passt auf meine Kinder auf. Dann kann ich zu Terminen gehen.",
                "en": "Childcare during appointments",
                "tr": "Randevular sırasında çocuk bakımı",
                "ar": "رعاية الأطفال أثناء المواعيد",
            },
            "offers_close_to_home": {
                "de": "Angebote in meiner Nähe",
                "de-ls": "Angebote in meiner Nähe.",
                "en": "Services close to home",
                "tr": "Evime yakın hizmetler",
                "ar": "خدمات قريبة من بيتي",
            },
            "offers_at_other_times": {
                "de": "Angebote zu anderen Zeiten (zum Beispiel abends oder am Wochenende)",
                "de-ls": "Angebote zu anderen Zeiten. Zum Beispiel am Abend oder am Wochenende.",
                "en": "Services at other times (for example evenings or weekends)",
                "tr": "Başka saatlerde hizmetler (örneğin akşamları ya da hafta sonu)",
                "ar": "خدمات في أوقات أخرى (مثلًا في المساء أو في عطلة نهاية الأسبوع)",
            },
            "free_offers": {
                "de": "Kostenlose Angebote",
                "de-ls": "Angebote ohne Kosten.",
                "en": "Free services",
                "tr": "Ücretsiz hizmetler",
                "ar": "خدمات مجانية",
            },
            "someone_comes_to_us": {
                "de": "Jemand, der zu uns nach Hause kommt",
                "de-ls": "Jemand kommt zu uns nach Hause.",
                "en": "Someone who comes to our home",
                "tr": "Evimize gelen biri",
                "ar": "شخص يأتي إلينا في البيت",
            },
            "digital_help": {
                "de": "Hilfe mit Handy, Computer oder Internet",
                "de-ls": "Hilfe mit Handy, Computer oder Internet.",
                "en": "Help with phone, computer or internet",
                "tr": "Telefon, bilgisayar ya da internet konusunda yardım",
                "ar": "مساعدة في استخدام الهاتف أو الكمبيوتر أو الإنترنت",
            },
            "something_else": {
                "de": "Etwas anderes",
                "de-ls": "Etwas anderes.",
                "en": "Something else",
                "tr": "Başka bir şey",
                "ar": "شيء آخر",
            },
        },
        "other_prompt": {
            "de": "Was noch? Bitte schreiben Sie keine Namen.",
            "de-ls": "Was noch? Bitte schreiben Sie keine Namen.",
            "en": "What else? Please do not write any names.",
            "tr": "Başka ne? Lütfen isim yazmayın.",
            "ar": "ماذا أيضًا؟ من فضلكم لا تكتبوا أي أسماء.",
        },
    },
    "free_text": {
        "question": {
            "de": "Was würde Ihrer Familie am meisten helfen?",
            "de-ls": "Was braucht Ihre Familie am meisten?",
            "en": "What would help your family most?",
            "tr": "Ailenize en çok ne yardımcı olurdu?",
            "ar": "ما الذي سيساعد عائلتكم أكثر من أيّ شيء آخر؟",
        },
        "hint": {
            "de": "Schreiben Sie mit Ihren eigenen Worten. Sie können auch in Ihrer Sprache schreiben.",
            "de-ls": "Schreiben Sie mit Ihren eigenen Worten. Sie können in Ihrer Sprache schreiben.",
            "en": "Write in your own words. You can also write in your own language.",
            "tr": "Kendi sözlerinizle yazın. Kendi dilinizde de yazabilirsiniz.",
            "ar": "اكتبوا بكلماتكم. يمكنكم الكتابة بلغتكم أيضًا.",
        },
        "privacy_warning": {
            "de": "Bitte schreiben Sie keine Namen – nicht Ihren eigenen und nicht die von anderen Menschen.",
            "de-ls": "Bitte schreiben Sie keine Namen. Auch nicht Ihren eigenen Namen.",
            "en": "Please do not write any names – not your own and not anyone else's.",
            "tr": "Lütfen isim yazmayın – ne kendi adınızı ne de başkalarının adını.",
            "ar": "من فضلكم لا تكتبوا أي أسماء، لا أسماءكم ولا أسماء أشخاص آخرين.",
        },
    },
}


# ---------------------------------------------------------------------------
# The family's form: information text, buttons, labels, messages
# ---------------------------------------------------------------------------

FORM_TEXTS: dict[str, Any] = {
    "info_title": {
        "de": "Bevor Sie anfangen",
        "de-ls": "Das ist wichtig vor der Umfrage",
        "en": "Before you start",
        "tr": "Başlamadan önce",
        "ar": "قبل أن تبدؤوا",
    },
    "info": {
        "who": {
            "de": "Diese Umfrage ist vom Bezirksamt {district}. Das Bezirksamt ist für die Umfrage und für Ihre Daten verantwortlich.",
            "de-ls": "Die Umfrage ist vom Bezirksamt {district}. Das Bezirksamt passt auf Ihre Daten auf.",
            "en": "This survey is run by the {district} district office (Bezirksamt). The Bezirksamt is responsible for the survey and for your data.",
            "tr": "Bu anketi {district} ilçe belediyesi (Bezirksamt) yapıyor. Anketten ve verilerinizden Bezirksamt sorumludur.",
            "ar": "هذا الاستبيان من بلدية منطقة {district} (Bezirksamt). البلدية مسؤولة عن الاستبيان وعن بياناتكم.",
        },
        "why": {
            "de": "Wir möchten wissen: Welche Angebote für Familien kennen Sie? Welche nutzen Sie? Was macht es schwer? Mit Ihren Antworten wollen wir die Angebote besser machen.",
            "de-ls": "Wir wollen wissen: Welche Angebote für Familien kennen Sie? Welche Angebote helfen Ihnen? Was ist schwer für Sie? Dann können wir die Angebote besser machen.",
            "en": "We would like to know which services for families you know and use, and what makes them hard to use. Your answers help us make these services better.",
            "tr": "Aileler için hangi hizmetleri bildiğinizi ve kullandığınızı, neyin zorluk çıkardığını öğrenmek istiyoruz. Cevaplarınız bu hizmetleri iyileştirmemize yardımcı olur.",
            "ar": "نريد أن نعرف ما هي الخدمات المقدَّمة للعائلات التي تعرفونها وتستخدمونها، وما الذي يصعّب استخدامها. تساعدنا إجاباتكم على تحسين هذه الخدمات.",
        },
        "voluntary": {
            "de": "Die Teilnahme ist freiwillig. Sie können jede Frage überspringen und jederzeit aufhören. Ihre Antworten haben keine Folgen für Anträge oder Leistungen.",
            "de-ls": "Sie müssen nicht mitmachen. Sie können eine Frage auslassen. Sie können jederzeit aufhören. Ihre Antworten haben keine Folgen für Ihre Anträge.",
            "en": "Taking part is voluntary. You can skip any question and stop at any time. Your answers have no effect on applications or benefits.",
            "tr": "Katılım gönüllüdür. İstediğiniz soruyu atlayabilir, istediğiniz zaman bırakabilirsiniz. Cevaplarınızın başvurularınıza ya da aldığınız yardımlara hiçbir etkisi yoktur.",
            "ar": "المشاركة طوعية. يمكنكم تخطّي أي سؤال والتوقف في أي وقت. لا تؤثر إجاباتكم على طلباتكم أو على المساعدات التي تحصلون عليها.",
        },
        "anonymous": {
            "de": "Die Umfrage ist anonym. Wir fragen nicht nach Ihrem Namen. Wir speichern keine IP-Adresse und setzen keine Cookies, die Sie verfolgen. Wir speichern nur Ihre Antworten, die Sprache, den Ort der Umfrage und das Datum – ohne Uhrzeit.",
            "de-ls": "Die Umfrage ist anonym. Das bedeutet: Niemand weiß, von wem die Antworten sind. Wir fragen nicht nach Ihrem Namen. Wir speichern nicht Ihre IP-Adresse. Das ist die Nummer von Ihrem Gerät im Internet. Wir beobachten Sie nicht im Internet. Wir speichern nur: Ihre Antworten, die Sprache, den Ort der Umfrage und den Tag.",
            "en": "The survey is anonymous. We do not ask for your name. We do not store your IP address and use no cookies to track you. We only store your answers, the language, where the survey was handed out, and the date – not the time.",
            "tr": "Anket anonimdir. Adınızı sormuyoruz. IP adresinizi kaydetmiyoruz ve sizi takip eden çerezler kullanmıyoruz. Sadece cevaplarınızı, dili, anketin dağıtıldığı yeri ve tarihi kaydediyoruz – saati kaydetmiyoruz.",
            "ar": "الاستبيان مجهول الهوية. لا نسألكم عن أسمائكم. لا نحفظ عنوان IP الخاص بكم، ولا نستخدم ملفات تعريف الارتباط (الكوكيز) لتتبّعكم. نحفظ فقط إجاباتكم واللغة ومكان توزيع الاستبيان والتاريخ، دون الساعة.",
        },
        "results": {
            "de": "Wir zeigen die Ergebnisse nur zusammengefasst, nie einzelne Antworten. Eine Zahl zeigen wir erst, wenn mindestens 5 Personen geantwortet haben. Was Sie selbst schreiben, veröffentlichen wir nicht.",
            "de-ls": "Wir zählen alle Antworten zusammen. Wir zeigen nur das Ergebnis von allen. Wir zeigen eine Zahl erst ab 5 Antworten. So erkennt Sie niemand. Ihre eigenen Texte zeigen wir nicht öffentlich.",
            "en": "We only publish results in summary, never single answers. We show a number only when at least 5 people have answered. We do not publish what you write in your own words.",
            "tr": "Sonuçları sadece toplu olarak yayımlıyoruz, tek tek cevapları asla. Bir sayıyı ancak en az 5 kişi cevap verdiyse gösteriyoruz. Kendi sözlerinizle yazdıklarınızı yayımlamıyoruz.",
            "ar": "ننشر النتائج بشكل مُجمَّع فقط، ولا ننشر أي إجابة منفردة. لا نعرض أي رقم إلا إذا أجاب 5 أشخاص على الأقل. ولا ننشر ما تكتبونه بكلماتكم.",
        },
    },
    "start": {
        "de": "Umfrage starten",
        "de-ls": "Umfrage beginnen",
        "en": "Start the survey",
        "tr": "Ankete başla",
        "ar": "بدء الاستبيان",
    },
    "next": {
        "de": "Weiter",
        "de-ls": "Weiter",
        "en": "Next",
        "tr": "İleri",
        "ar": "التالي",
    },
    "back": {
        "de": "Zurück",
        "de-ls": "Zurück",
        "en": "Back",
        "tr": "Geri",
        "ar": "السابق",
    },
    "send": {
        "de": "Absenden",
        "de-ls": "Antworten abschicken",
        "en": "Send",
        "tr": "Gönder",
        "ar": "إرسال",
    },
    "skip_question": {
        "de": "Frage überspringen",
        "de-ls": "Frage auslassen",
        "en": "Skip question",
        "tr": "Soruyu atla",
        "ar": "تخطّي السؤال",
    },
    "thank_you_title": {
        "de": "Vielen Dank!",
        "de-ls": "Danke!",
        "en": "Thank you!",
        "tr": "Çok teşekkürler!",
        "ar": "شكرًا جزيلًا!",
    },
    "thank_you_text": {
        "de": "Ihre Antworten sind angekommen. Sie helfen uns, die Angebote für Familien in {district} besser zu machen. Hier finden Sie Hilfe in Ihrer Nähe:",
        "de-ls": "Wir haben Ihre Antworten bekommen. Ihre Antworten helfen den Familien in {district}. Hier finden Sie Hilfe in Ihrer Nähe:",
        "en": "Your answers have arrived. They help us make services for families in {district} better. Here you can find help near you:",
        "tr": "Cevaplarınız bize ulaştı. {district} ilçesindeki aileler için hizmetleri iyileştirmemize yardımcı oluyorsunuz. Yakınınızda yardım alabileceğiniz yerler:",
        "ar": "وصلتنا إجاباتكم. إنها تساعدنا على تحسين الخدمات المقدَّمة للعائلات في {district}. هنا تجدون أماكن تقدّم المساعدة بالقرب منكم:",
    },
    "optional": {
        "de": "Freiwillig – Sie müssen nicht antworten.",
        "de-ls": "Sie müssen diese Frage nicht beantworten.",
        "en": "Optional – you do not have to answer.",
        "tr": "İsteğe bağlı – cevap vermek zorunda değilsiniz.",
        "ar": "اختياري – لستم مضطرين للإجابة.",
    },
    "choose_one": {
        "de": "Wählen Sie eine Antwort.",
        "de-ls": "Wählen Sie 1 Antwort.",
        "en": "Choose one answer.",
        "tr": "Bir cevap seçin.",
        "ar": "اختاروا إجابة واحدة.",
    },
    "choose_all": {
        "de": "Wählen Sie alles, was passt.",
        "de-ls": "Sie können mehrere Antworten wählen.",
        "en": "Choose all that apply.",
        "tr": "Uyan tüm cevapları seçin.",
        "ar": "اختاروا كل ما ينطبق عليكم.",
    },
    "no_names": {
        "de": "Bitte schreiben Sie keine Namen.",
        "de-ls": "Bitte schreiben Sie keine Namen.",
        "en": "Please do not write any names.",
        "tr": "Lütfen isim yazmayın.",
        "ar": "من فضلكم لا تكتبوا أي أسماء.",
    },
    "error_choose_answer": {
        "de": "Bitte wählen Sie eine Antwort.",
        "de-ls": "Bitte wählen Sie eine Antwort.",
        "en": "Please choose an answer.",
        "tr": "Lütfen bir cevap seçin.",
        "ar": "يُرجى اختيار إجابة.",
    },
    "closed_title": {
        "de": "Diese Umfrage ist beendet.",
        "de-ls": "Die Umfrage ist zu Ende.",
        "en": "This survey is closed.",
        "tr": "Bu anket sona erdi.",
        "ar": "انتهى هذا الاستبيان.",
    },
    "closed_text": {
        "de": "Sie können nicht mehr teilnehmen. Vielen Dank für Ihr Interesse!",
        "de-ls": "Sie können nicht mehr mitmachen. Danke für Ihr Interesse!",
        "en": "It is no longer possible to take part. Thank you for your interest!",
        "tr": "Artık katılmak mümkün değil. İlginiz için teşekkür ederiz!",
        "ar": "لم يعد بالإمكان المشاركة. شكرًا لاهتمامكم!",
    },
    "read_aloud": {
        "de": "Vorlesen",
        "de-ls": "Vorlesen",
        "en": "Read aloud",
        "tr": "Sesli dinle",
        "ar": "قراءة بصوت عالٍ",
    },
    "language_switch": {
        "de": "Sprache wählen",
        "de-ls": "Sprache wählen",
        "en": "Choose language",
        "tr": "Dil seçin",
        "ar": "اختيار اللغة",
    },
    # --- The family form's own texts (surveys/family_form.py, templates/surveys/family/).
    # Numbers are filled in with %(name)s; {district} stays the blocks' placeholder.
    "progress": {
        "de": "Schritt %(current)s von %(total)s",
        "de-ls": "Schritt %(current)s von %(total)s",
        "en": "Step %(current)s of %(total)s",
        "tr": "Adım %(current)s / %(total)s",
        "ar": "الخطوة %(current)s من %(total)s",
    },
    "results_min_group": {
        "de": "Wir zeigen die Ergebnisse nur zusammengefasst, nie einzelne Antworten. Eine Zahl zeigen wir erst, wenn mindestens %(size)s Personen geantwortet haben. Was Sie selbst schreiben, veröffentlichen wir nicht.",
        "de-ls": "Wir zählen alle Antworten zusammen. Wir zeigen nur das Ergebnis von allen. Wir zeigen eine Zahl erst ab %(size)s Antworten. So erkennt Sie niemand. Ihre eigenen Texte zeigen wir nicht öffentlich.",
        "en": "We only publish results in summary, never single answers. We show a number only when at least %(size)s people have answered. We do not publish what you write in your own words.",
        "tr": "Sonuçları sadece toplu olarak yayımlıyoruz, tek tek cevapları asla. Bir sayıyı ancak en az %(size)s kişi cevap verdiyse gösteriyoruz. Kendi sözlerinizle yazdıklarınızı yayımlamıyoruz.",
        "ar": "ننشر النتائج بشكل مُجمَّع فقط، ولا ننشر أي إجابة منفردة. لا نعرض أي رقم إلا إذا بلغ عدد المشاركين %(size)s على الأقل. ولا ننشر ما تكتبونه بكلماتكم.",
    },
    "privacy_link": {
        "de": "Mehr zum Datenschutz",
        "de-ls": "Mehr Infos zum Daten-Schutz",
        "en": "More about data protection (in German)",
        "tr": "Veri koruma hakkında daha fazla bilgi (Almanca)",
        "ar": "مزيد من المعلومات عن حماية البيانات (باللغة الألمانية)",
    },
    "continue": {
        "de": "Weiter mit der Umfrage",
        "de-ls": "Weiter mit der Umfrage",
        "en": "Continue the survey",
        "tr": "Ankete devam et",
        "ar": "متابعة الاستبيان",
    },
    "required": {
        "de": "Bitte beantworten Sie diese Frage.",
        "de-ls": "Diese Frage müssen Sie beantworten.",
        "en": "Please answer this question.",
        "tr": "Lütfen bu soruyu cevaplayın.",
        "ar": "يُرجى الإجابة عن هذا السؤال.",
    },
    "other_label": {
        "de": "Was genau?",
        "de-ls": "Was ist es?",
        "en": "What exactly?",
        "tr": "Tam olarak ne?",
        "ar": "ما هو بالتحديد؟",
    },
    "number_range": {
        "de": "Eine Zahl von %(min)s bis %(max)s",
        "de-ls": "Eine Zahl von %(min)s bis %(max)s",
        "en": "A number from %(min)s to %(max)s",
        "tr": "%(min)s ile %(max)s arasında bir sayı",
        "ar": "عدد من %(min)s إلى %(max)s",
    },
    "max_characters": {
        "de": "Höchstens %(max)s Zeichen",
        "de-ls": "Höchstens %(max)s Zeichen",
        "en": "No more than %(max)s characters",
        "tr": "En fazla %(max)s karakter",
        "ar": "%(max)s حرف كحدّ أقصى",
    },
    "leave_empty": {
        "de": "Dieses Feld bitte leer lassen.",
        "de-ls": "Hier bitte nichts schreiben.",
        "en": "Please leave this field empty.",
        "tr": "Lütfen bu alanı boş bırakın.",
        "ar": "يُرجى ترك هذا الحقل فارغًا.",
    },
    "error_summary_title": {
        "de": "Bitte prüfen Sie Ihre Antworten",
        "de-ls": "Bitte schauen Sie noch einmal auf Ihre Antworten.",
        "en": "Please check your answers",
        "tr": "Lütfen cevaplarınızı kontrol edin",
        "ar": "يُرجى مراجعة إجاباتكم",
    },
    "error_required": {
        "de": "Hier fehlt noch Ihre Antwort.",
        "de-ls": "Hier fehlt Ihre Antwort.",
        "en": "Your answer is missing here.",
        "tr": "Burada cevabınız eksik.",
        "ar": "لم تُجيبوا عن هذا السؤال بعد.",
    },
    "error_invalid": {
        "de": "Diese Antwort können wir nicht annehmen. Bitte wählen Sie noch einmal.",
        "de-ls": "Diese Antwort geht nicht. Bitte wählen Sie noch einmal.",
        "en": "We cannot accept this answer. Please choose again.",
        "tr": "Bu cevabı kabul edemiyoruz. Lütfen yeniden seçin.",
        "ar": "لا يمكننا قبول هذه الإجابة. يُرجى الاختيار مرة أخرى.",
    },
    "error_one_answer": {
        "de": "Bitte wählen Sie nur eine Antwort.",
        "de-ls": "Bitte wählen Sie nur 1 Antwort.",
        "en": "Please choose only one answer.",
        "tr": "Lütfen sadece bir cevap seçin.",
        "ar": "يُرجى اختيار إجابة واحدة فقط.",
    },
    "error_exclusive": {
        "de": "„%(option)s“ passt nicht zu anderen Antworten. Bitte wählen Sie entweder „%(option)s“ oder die anderen Antworten.",
        "de-ls": "„%(option)s“ geht nicht zusammen mit anderen Antworten. Bitte wählen Sie nur „%(option)s“. Oder wählen Sie die anderen Antworten.",
        "en": "“%(option)s” cannot be combined with other answers. Please choose either “%(option)s” or the other answers.",
        "tr": "“%(option)s” başka cevaplarla birlikte seçilemez. Lütfen ya “%(option)s” ya da diğer cevapları seçin.",
        "ar": "لا يمكن الجمع بين «%(option)s» وإجابات أخرى. يُرجى اختيار «%(option)s» وحدها أو اختيار الإجابات الأخرى.",
    },
    "error_too_long": {
        "de": "Der Text ist zu lang. Bitte schreiben Sie höchstens %(max)s Zeichen.",
        "de-ls": "Der Text ist zu lang. Bitte schreiben Sie höchstens %(max)s Zeichen.",
        "en": "The text is too long. Please write no more than %(max)s characters.",
        "tr": "Metin çok uzun. Lütfen en fazla %(max)s karakter yazın.",
        "ar": "النص طويل جدًا. يُرجى ألّا تكتبوا أكثر من %(max)s حرف.",
    },
    "error_number": {
        "de": "Bitte geben Sie eine ganze Zahl von %(min)s bis %(max)s ein.",
        "de-ls": "Bitte schreiben Sie eine Zahl von %(min)s bis %(max)s.",
        "en": "Please enter a whole number from %(min)s to %(max)s.",
        "tr": "Lütfen %(min)s ile %(max)s arasında bir tam sayı girin.",
        "ar": "يُرجى إدخال عدد صحيح من %(min)s إلى %(max)s.",
    },
    "error_whole_number": {
        "de": "Bitte geben Sie eine ganze Zahl ein.",
        "de-ls": "Bitte schreiben Sie eine ganze Zahl.",
        "en": "Please enter a whole number.",
        "tr": "Lütfen bir tam sayı girin.",
        "ar": "يُرجى إدخال عدد صحيح.",
    },
    "expired": {
        "de": "Sie haben die Umfrage eine Zeit lang nicht benutzt. Zum Schutz Ihrer Daten haben wir Ihre bisherigen Antworten gelöscht. Bitte starten Sie noch einmal.",
        "de-ls": "Sie haben lange nichts gemacht. Darum haben wir Ihre Antworten gelöscht. So sind Ihre Daten sicher. Bitte fangen Sie noch einmal an.",
        "en": "You have not used the survey for a while. To protect your data, we have deleted your answers so far. Please start again.",
        "tr": "Ankete bir süredir devam etmediniz. Verilerinizi korumak için şimdiye kadarki cevaplarınızı sildik. Lütfen yeniden başlayın.",
        "ar": "لم تستخدموا الاستبيان منذ فترة. لحماية بياناتكم حذفنا إجاباتكم السابقة. يُرجى البدء من جديد.",
    },
    "too_many_title": {
        "de": "Zu viele Antworten in kurzer Zeit",
        "de-ls": "Zu viele Antworten",
        "en": "Too many answers in a short time",
        "tr": "Kısa sürede çok fazla cevap",
        "ar": "إجابات كثيرة جدًا في وقت قصير",
    },
    "too_many_text": {
        "de": "Von diesem Internet-Anschluss kamen in der letzten Stunde sehr viele Antworten. Bitte versuchen Sie es später noch einmal.",
        "de-ls": "Von diesem Internet-Anschluss kamen sehr viele Antworten. Bitte warten Sie eine Stunde. Dann versuchen Sie es noch einmal.",
        "en": "Very many answers came from this internet connection in the last hour. Please try again later.",
        "tr": "Son bir saatte bu internet bağlantısından çok fazla cevap geldi. Lütfen daha sonra tekrar deneyin.",
        "ar": "وصلتنا إجابات كثيرة جدًا من اتصال الإنترنت هذا خلال الساعة الأخيرة. يُرجى المحاولة مرة أخرى لاحقًا.",
    },
    # The 503 page while the database is down (mitwirkung/unavailable.py): the answers of the
    # pages sent before live in the database-backed session and are still there afterwards.
    "unavailable_title": {
        "de": "Die Umfrage ist gerade nicht erreichbar",
        "de-ls": "Die Umfrage geht gerade nicht",
        "en": "The survey is not available right now",
        "tr": "Anket şu anda kullanılamıyor",
        "ar": "الاستبيان غير متاح حاليًا",
    },
    "unavailable_text": {
        "de": "Wir haben gerade ein technisches Problem. Bitte versuchen Sie es in ein paar Minuten noch einmal. Ihre Antworten auf den Seiten davor gehen nicht verloren.",
        "de-ls": "Wir haben ein Problem mit der Technik. Bitte warten Sie ein paar Minuten. Dann versuchen Sie es noch einmal. Ihre Antworten von vorher sind nicht weg.",
        "en": "We have a technical problem at the moment. Please try again in a few minutes. Your answers on the pages before are not lost.",
        "tr": "Şu anda teknik bir sorunumuz var. Lütfen birkaç dakika sonra tekrar deneyin. Önceki sayfalardaki cevaplarınız kaybolmaz.",
        "ar": "لدينا مشكلة تقنية حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق. إجاباتكم في الصفحات السابقة لن تضيع.",
    },
    "unavailable_retry": {
        "de": "Noch einmal versuchen",
        "de-ls": "Noch einmal versuchen",
        "en": "Try again",
        "tr": "Tekrar deneyin",
        "ar": "حاولوا مرة أخرى",
    },
    "help_title": {
        "de": "Hilfe im Bezirk",
        "de-ls": "Hier bekommen Sie Hilfe",
        "en": "Help in the district",
        "tr": "İlçede yardım",
        "ar": "المساعدة في المنطقة",
    },
    "offerings_in_german": {
        "de": "Die Angaben zu den Angeboten gibt es nur auf Deutsch.",
        "de-ls": "Die Infos zu den Angeboten sind nicht in Leichter Sprache.",
        "en": "The information about these services is only available in German.",
        "tr": "Bu hizmetlerle ilgili bilgiler sadece Almanca olarak mevcuttur.",
        "ar": "المعلومات عن هذه الخدمات متوفرة باللغة الألمانية فقط.",
    },
    "opening_times": {
        "de": "Öffnungszeiten",
        "de-ls": "Wann ist offen?",
        "en": "Opening times",
        "tr": "Açılış saatleri",
        "ar": "أوقات العمل",
    },
    "cost_free": {
        "de": "Kostenlos",
        "de-ls": "Kostet nichts",
        "en": "Free of charge",
        "tr": "Ücretsiz",
        "ar": "مجانًا",
    },
    "cost_reduced": {
        "de": "Günstiger mit berlinpass",
        "de-ls": "Mit berlinpass kostet es weniger.",
        "en": "Cheaper with berlinpass",
        "tr": "berlinpass ile daha ucuz",
        "ar": "أرخص مع berlinpass",
    },
    "cost_fee": {
        "de": "Kostet Geld",
        "de-ls": "Kostet Geld",
        "en": "There is a fee",
        "tr": "Ücretli",
        "ar": "برسوم",
    },
    # --- Channels (issue 6): one-time access codes, the tablet at an offering.
    "access_code_label": {
        "de": "Ihr Zugangscode",
        "de-ls": "Ihr Code",
        "en": "Your access code",
        "tr": "Erişim kodunuz",
        "ar": "رمز الدخول الخاص بكم",
    },
    "access_code_help": {
        "de": "Der Code steht auf dem Zettel, den Sie bekommen haben, zum Beispiel: abcd-efgh. Jeder Code gilt nur einmal. Der Code verrät nicht, wer Sie sind.",
        "de-ls": "Der Code steht auf Ihrem Zettel. Zum Beispiel: abcd-efgh. Jeder Code geht nur 1 Mal. Niemand erfährt durch den Code, wer Sie sind.",
        "en": "The code is on the slip you were given, for example: abcd-efgh. Each code works only once. The code does not tell us who you are.",
        "tr": "Kod size verilen kâğıtta yazıyor, örneğin: abcd-efgh. Her kod yalnızca bir kez geçerlidir. Kod kim olduğunuzu bize söylemez.",
        "ar": "الرمز مكتوب على الورقة التي حصلتم عليها، مثلًا: abcd-efgh. كل رمز يصلح مرة واحدة فقط. لا يكشف الرمز لنا من أنتم.",
    },
    "access_code_missing": {
        "de": "Bitte geben Sie den Code von Ihrem Zettel ein.",
        "de-ls": "Bitte schreiben Sie den Code von Ihrem Zettel hier hin.",
        "en": "Please enter the code from your slip.",
        "tr": "Lütfen kâğıdınızdaki kodu girin.",
        "ar": "يُرجى إدخال الرمز المكتوب على ورقتكم.",
    },
    "access_code_unknown": {
        "de": "Diesen Code können wir nicht annehmen. Vielleicht ist er falsch geschrieben oder wurde schon benutzt. Bitte prüfen Sie den Code.",
        "de-ls": "Dieser Code geht nicht. Vielleicht ist ein Fehler im Code. Oder der Code wurde schon benutzt. Bitte schauen Sie noch einmal auf Ihren Zettel.",
        "en": "We cannot accept this code. It may be mistyped, or it has already been used. Please check the code.",
        "tr": "Bu kodu kabul edemiyoruz. Yanlış yazılmış ya da daha önce kullanılmış olabilir. Lütfen kodu kontrol edin.",
        "ar": "لا يمكننا قبول هذا الرمز. ربما كُتب بشكل خاطئ أو استُخدم من قبل. يُرجى التحقق من الرمز.",
    },
    "access_code_refused": {
        "de": "Dieser Code wurde inzwischen schon benutzt. Darum haben wir Ihre Antworten noch nicht gespeichert. Wenn Sie einen anderen Code haben, geben Sie ihn bitte hier ein.",
        "de-ls": "Der Code wurde schon benutzt. Darum haben wir Ihre Antworten noch nicht gespeichert. Haben Sie einen anderen Code? Dann schreiben Sie ihn hier hin.",
        "en": "This code has been used in the meantime, so your answers have not been saved yet. If you have another code, please enter it here.",
        "tr": "Bu kod bu arada kullanılmış, bu yüzden cevaplarınız henüz kaydedilmedi. Başka bir kodunuz varsa lütfen buraya girin.",
        "ar": "استُخدم هذا الرمز في هذه الأثناء، لذلك لم نحفظ إجاباتكم بعد. إذا كان لديكم رمز آخر، يُرجى إدخاله هنا.",
    },
    "tablet_note": {
        "de": "Auf diesem Tablet antworten mehrere Familien nacheinander. Nach dem Absenden löschen wir alles auf dem Tablet: Die nächste Familie sieht nichts von Ihren Antworten.",
        "de-ls": "Mehrere Familien benutzen dieses Tablet. Nach dem Abschicken löschen wir alles auf dem Tablet. Die nächste Familie sieht Ihre Antworten nicht.",
        "en": "Several families answer on this tablet, one after another. After you send, we clear everything on the tablet: the next family sees nothing of your answers.",
        "tr": "Bu tablette birkaç aile sırayla cevap veriyor. Gönderdikten sonra tabletteki her şeyi siliyoruz: Sıradaki aile cevaplarınızdan hiçbir şey göremez.",
        "ar": "تجيب عدة عائلات على هذا الجهاز اللوحي واحدة تلو الأخرى. بعد الإرسال نمسح كل شيء من الجهاز، ولن ترى العائلة التالية شيئًا من إجاباتكم.",
    },
    "tablet_thanks_text": {
        "de": "Ihre Antworten sind angekommen. Bitte geben Sie das Tablet jetzt zurück.",
        "de-ls": "Wir haben Ihre Antworten bekommen. Bitte geben Sie das Tablet jetzt zurück.",
        "en": "Your answers have arrived. Please hand the tablet back now.",
        "tr": "Cevaplarınız bize ulaştı. Lütfen tableti şimdi geri verin.",
        "ar": "وصلتنا إجاباتكم. يُرجى إعادة الجهاز اللوحي الآن.",
    },
    "tablet_next_family": {
        "de": "Start für die nächste Familie",
        "de-ls": "Start für die nächste Familie",
        "en": "Start for the next family",
        "tr": "Sıradaki aile için başla",
        "ar": "البدء للعائلة التالية",
    },
}

"""Family-facing texts of everything printed: posters, flyers, paper questionnaires, slips.

Pure data like surveys/block_texts.py: every text in German (Einfache Sprache), Leichte
Sprache, English, Turkish and Arabic. Numbers and names are filled in with %(name)s.
Languages without texts here get the German ones (the survey's own questions still come
in the family's language).
"""

from __future__ import annotations

import re

from surveys.languages import GERMAN
from surveys.languages import get as get_language

Text = dict[str, str]

PRINT_LANGUAGES: list[str] = ["de", "de-ls", "en", "tr", "ar"]

# Unicode isolates: a German name or an address inside Arabic text keeps its own direction.
_ISOLATE = "\u2068{}\u2069"
_COUNTER = re.compile(r"(\{pages?\})")

PRINT_TEXTS: dict[str, Text] = {
    # --- Poster and flyer -------------------------------------------------------------
    "invitation": {
        "de": "Ihre Meinung zählt – Was hilft Ihrer Familie?",
        "de-ls": "Ihre Meinung ist wichtig. Was hilft Ihrer Familie?",
        "en": "Your opinion counts – what helps your family?",
        "tr": "Fikriniz önemli – Ailenize ne yardımcı oluyor?",
        "ar": "رأيكم مهم – ما الذي يساعد عائلتكم؟",
    },
    "facts": {
        "de": "anonym · freiwillig · ca. 5 Minuten",
        "de-ls": "ohne Namen · freiwillig · ungefähr 5 Minuten",
        "en": "anonymous · voluntary · about 5 minutes",
        "tr": "anonim · gönüllü · yaklaşık 5 dakika",
        "ar": "دون ذكر الاسم · اختياري · حوالي 5 دقائق",
    },
    "scan": {
        "de": "Scannen Sie den Code mit der Handy-Kamera oder geben Sie die Adresse ein:",
        "de-ls": "Halten Sie die Handy-Kamera auf den Code. Oder schreiben Sie die Adresse ins Handy:",
        "en": "Scan the code with your phone camera or type in the address:",
        "tr": "Kodu telefonunuzun kamerasıyla tarayın ya da adresi yazın:",
        "ar": "امسحوا الرمز بكاميرا الهاتف أو اكتبوا العنوان:",
    },
    "code_entry": {
        "de": "Oder öffnen Sie %(address)s und geben Sie diesen Code ein:",
        "de-ls": "Oder gehen Sie auf %(address)s. Dann schreiben Sie diesen Code:",
        "en": "Or open %(address)s and enter this code:",
        "tr": "Ya da %(address)s adresini açın ve bu kodu girin:",
        "ar": "أو افتحوا %(address)s وأدخلوا هذا الرمز:",
    },
    "responsible": {
        "de": "Verantwortlich: Bezirksamt %(district)s",
        "de-ls": "Die Umfrage ist vom Bezirksamt %(district)s.",
        "en": "Responsible: %(district)s district office (Bezirksamt)",
        "tr": "Sorumlu: %(district)s ilçe belediyesi (Bezirksamt)",
        "ar": "الجهة المسؤولة: بلدية منطقة %(district)s (Bezirksamt)",
    },
    "languages": {
        "de": "Die Umfrage gibt es auf:",
        "de-ls": "Die Umfrage gibt es in diesen Sprachen:",
        "en": "The survey is available in:",
        "tr": "Anket şu dillerde var:",
        "ar": "الاستبيان متوفر باللغات التالية:",
    },
    # --- Paper questionnaire --------------------------------------------------------------
    "paper_title": {
        "de": "Fragebogen",
        "de-ls": "Frage-Bogen",
        "en": "Questionnaire",
        "tr": "Anket formu",
        "ar": "استمارة الاستبيان",
    },
    "paper_how_title": {
        "de": "So füllen Sie den Bogen aus",
        "de-ls": "So geht der Frage-Bogen",
        "en": "How to fill in this form",
        "tr": "Formu nasıl doldurursunuz",
        "ar": "طريقة تعبئة الاستمارة",
    },
    "legend_one": {
        "de": "Kreis: Kreuzen Sie eine Antwort an.",
        "de-ls": "Kreis: Machen Sie 1 Kreuz.",
        "en": "Circle: tick one answer.",
        "tr": "Daire: Bir cevabı işaretleyin.",
        "ar": "دائرة: ضعوا علامة على إجابة واحدة.",
    },
    "legend_all": {
        "de": "Kästchen: Kreuzen Sie alles an, was passt.",
        "de-ls": "Kästchen: Sie können mehrere Kreuze machen.",
        "en": "Square: tick all that apply.",
        "tr": "Kare: Size uyan tüm cevapları işaretleyin.",
        "ar": "مربع: ضعوا علامة على كل ما ينطبق عليكم.",
    },
    "correct": {
        "de": "Falsch angekreuzt? Malen Sie das Feld ganz aus und kreuzen Sie das richtige an.",
        "de-ls": "Falsches Kreuz? Malen Sie das Feld ganz aus. Dann machen Sie ein neues Kreuz.",
        "en": "Ticked the wrong one? Fill that box in completely and tick the right one.",
        "tr": "Yanlış mı işaretlediniz? O kutuyu tamamen karalayın ve doğru olanı işaretleyin.",
        "ar": "وضعتم علامة خاطئة؟ لوّنوا ذلك المربع بالكامل وضعوا علامة على الإجابة الصحيحة.",
    },
    "skip": {
        "de": "Sie können jede Frage auslassen.",
        "de-ls": "Sie können eine Frage auslassen.",
        "en": "You can skip any question.",
        "tr": "İstediğiniz soruyu boş bırakabilirsiniz.",
        "ar": "يمكنكم ترك أي سؤال دون إجابة.",
    },
    "no_names": {
        "de": "Bitte keine Namen – auch nicht Ihren eigenen.",
        "de-ls": "Bitte schreiben Sie keine Namen auf. Auch nicht Ihren eigenen Namen.",
        "en": "Please no names – not even your own.",
        "tr": "Lütfen isim yazmayın – kendi adınızı da.",
        "ar": "من فضلكم لا تكتبوا أي أسماء، ولا حتى أسماءكم.",
    },
    "hand_in": {
        "de": "Geben Sie den Bogen bei %(place)s ab.",
        "de-ls": "Bitte geben Sie den Bogen hier ab: %(place)s.",
        "en": "Please hand in the form at %(place)s.",
        "tr": "Lütfen formu şuraya teslim edin: %(place)s.",
        "ar": "يُرجى تسليم الاستمارة في: %(place)s.",
    },
    "hand_in_any": {
        "de": "Geben Sie den Bogen dort ab, wo Sie ihn bekommen haben.",
        "de-ls": "Geben Sie den Bogen dort ab, wo Sie ihn bekommen haben.",
        "en": "Please hand in the form where you got it.",
        "tr": "Formu aldığınız yere teslim edin.",
        "ar": "يُرجى تسليم الاستمارة في المكان الذي حصلتم عليها منه.",
    },
    "privacy_paper": {
        "de": "Der Fragebogen ist anonym. Schreiben Sie bitte keinen Namen darauf. Mitarbeitende geben Ihre Antworten in den Computer ein. Gespeichert werden nur Ihre Antworten, die Sprache, der Ort der Umfrage und das Datum.",
        "de-ls": "Der Frage-Bogen ist anonym. Das bedeutet: Niemand weiß, von wem die Antworten sind. Schreiben Sie keinen Namen auf den Bogen. Mitarbeiter tippen Ihre Antworten in den Computer. Wir speichern nur: Ihre Antworten, die Sprache, den Ort der Umfrage und den Tag.",
        "en": "This questionnaire is anonymous. Please do not write your name on it. Staff type your answers into a computer. Only your answers, the language, where the survey was handed out and the date are stored.",
        "tr": "Bu anket formu anonimdir. Lütfen üzerine adınızı yazmayın. Cevaplarınızı çalışanlar bilgisayara girer. Sadece cevaplarınız, dil, anketin dağıtıldığı yer ve tarih kaydedilir.",
        "ar": "هذه الاستمارة مجهولة الهوية. يُرجى عدم كتابة أسمائكم عليها. يُدخل الموظفون إجاباتكم إلى الحاسوب. لا يُحفظ إلا إجاباتكم واللغة ومكان توزيع الاستبيان والتاريخ.",
    },
    "cross_one": {
        "de": "Kreuzen Sie eine Antwort an.",
        "de-ls": "Machen Sie 1 Kreuz.",
        "en": "Tick one answer.",
        "tr": "Bir cevabı işaretleyin.",
        "ar": "ضعوا علامة على إجابة واحدة.",
    },
    "cross_all": {
        "de": "Kreuzen Sie alles an, was passt.",
        "de-ls": "Sie können mehrere Kreuze machen.",
        "en": "Tick all that apply.",
        "tr": "Uyan tüm cevapları işaretleyin.",
        "ar": "ضعوا علامة على كل ما ينطبق عليكم.",
    },
    "condition": {
        "de": "Nur wenn Sie bei Frage %(number)s „%(option)s“ angekreuzt haben.",
        "de-ls": "Diese Frage nur beantworten: Sie haben bei Frage %(number)s „%(option)s“ angekreuzt.",
        "en": "Only if you ticked “%(option)s” in question %(number)s.",
        "tr": "Sadece %(number)s. soruda “%(option)s” cevabını işaretlediyseniz.",
        "ar": "فقط إذا وضعتم علامة على «%(option)s» في السؤال %(number)s.",
    },
    "write_number": {
        "de": "Schreiben Sie eine Zahl von %(min)s bis %(max)s.",
        "de-ls": "Schreiben Sie eine Zahl. Die Zahl ist zwischen %(min)s und %(max)s.",
        "en": "Write a number from %(min)s to %(max)s.",
        "tr": "%(min)s ile %(max)s arasında bir sayı yazın.",
        "ar": "اكتبوا عددًا من %(min)s إلى %(max)s.",
    },
    "write_any_number": {
        "de": "Schreiben Sie eine Zahl.",
        "de-ls": "Schreiben Sie eine Zahl.",
        "en": "Write a number.",
        "tr": "Bir sayı yazın.",
        "ar": "اكتبوا عددًا.",
    },
    "write_text": {
        "de": "Schreiben Sie Ihre Antwort auf die Linien.",
        "de-ls": "Schreiben Sie Ihre Antwort auf die Linien.",
        "en": "Write your answer on the lines.",
        "tr": "Cevabınızı çizgilerin üzerine yazın.",
        "ar": "اكتبوا إجابتكم على الأسطر.",
    },
    "page_of": {
        "de": "Seite {page} von {pages}",
        "de-ls": "Seite {page} von {pages}",
        "en": "Page {page} of {pages}",
        "tr": "Sayfa {page} / {pages}",
        "ar": "صفحة {page} من {pages}",
    },
    "paper_end": {
        "de": "Das war die letzte Frage. Vielen Dank!",
        "de-ls": "Das war die letzte Frage. Danke!",
        "en": "That was the last question. Thank you very much!",
        "tr": "Bu son soruydu. Çok teşekkürler!",
        "ar": "كان هذا السؤال الأخير. شكرًا جزيلًا!",
    },
    # --- Slips with one-time access codes -------------------------------------------------
    "slip_title": {
        "de": "Ihr Zugangscode – gilt einmal",
        "de-ls": "Ihr Code für die Umfrage. Der Code geht nur 1 Mal.",
        "en": "Your access code – valid once",
        "tr": "Erişim kodunuz – bir kez geçerlidir",
        "ar": "رمز الدخول الخاص بكم – صالح لمرة واحدة",
    },
    "slip_how": {
        "de": "Scannen Sie den QR-Code oder öffnen Sie die Adresse. Geben Sie dann den Zugangscode ein.",
        "de-ls": "Halten Sie die Handy-Kamera auf den Code. Oder schreiben Sie die Adresse ins Handy. Dann schreiben Sie den Code.",
        "en": "Scan the QR code or open the address. Then enter your access code.",
        "tr": "QR kodunu tarayın ya da adresi açın. Sonra erişim kodunuzu girin.",
        "ar": "امسحوا رمز QR أو افتحوا العنوان، ثم أدخلوا رمز الدخول.",
    },
}


def print_language(code: str) -> str:
    """The language the printed texts are in: German where none are written."""
    return code if code in PRINT_LANGUAGES else GERMAN


def print_text(key: str, language: str, **values: object) -> str:
    """One text, filled in. In right-to-left languages each value is isolated, so a German
    place name or an address keeps its reading order inside Arabic."""
    texts = PRINT_TEXTS[key]
    text = texts.get(language) or texts[GERMAN]
    if not values:
        return text
    if get_language(language).right_to_left:
        values = {name: _ISOLATE.format(value) for name, value in values.items()}
    return text % values


def page_counter_css(language: str) -> str:
    """ "Seite 2 von 5" as a CSS `content` value with the page counters, for the footer."""
    parts = []
    for piece in _COUNTER.split(print_text("page_of", language)):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            escaped = piece.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'"{escaped}"')
    return " ".join(parts)

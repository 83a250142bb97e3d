from __future__ import annotations

from django.db import migrations

# Starting texts. The operator completes the parts in [square brackets] in the
# Django admin; the German text is binding.
PAGES = {
    "accessibility": {
        "title_de": "Erklärung zur Barrierefreiheit",
        "title_en": "Accessibility statement",
        "body_de": """\
[Name der Betreiberin, z. B. Bezirksamt …] ist bemüht, MitWirkung im Einklang mit dem Barrierefreie-IKT-Gesetz Berlin (BIKTG) barrierefrei zugänglich zu machen. Maßstab ist die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), die auf die Europäische Norm EN 301 549 und die Web Content Accessibility Guidelines (WCAG 2.1, Stufe AA) verweist.

## Stand der Vereinbarkeit
Diese Website ist teilweise mit den genannten Anforderungen vereinbar. Die Erklärung beruht auf einer Selbstbewertung.

## Was noch nicht barrierefrei ist
- Diagramme in Berichten: Zu jedem Diagramm gibt es eine Tabelle mit denselben Zahlen. Die Diagramme selbst sind für Screenreader nur eingeschränkt nutzbar.
- PDF-Berichte: Sie werden als getaggte PDF-Dateien erzeugt, sind aber noch nicht vollständig geprüft.
- Übersetzungen von Umfragen: Bezirke übersetzen ihre Umfragen selbst. Fehlt eine Übersetzung, wird der deutsche Text gezeigt.

## Barriere melden
Ist Ihnen etwas aufgefallen, das Sie nicht nutzen konnten? Melden Sie es uns über das Formular „Barriere melden“ unten auf jeder Seite. Wir antworten innerhalb eines Monats.

## Durchsetzungsverfahren
Wenn Sie innerhalb eines Monats keine zufriedenstellende Antwort erhalten, können Sie sich an die Landesbeauftragte für digitale Barrierefreiheit des Landes Berlin wenden, die Durchsetzungsstelle nach dem Barrierefreie-IKT-Gesetz Berlin: [aktuelle Anschrift und Internetadresse der Durchsetzungsstelle].

## Erstellung dieser Erklärung
Diese Erklärung wurde am [Datum] erstellt und zuletzt am [Datum] überprüft.""",
        "body_en": """\
[Name of the operator, e.g. Bezirksamt …] strives to make MitWirkung accessible in line with the Berlin accessible ICT act (BIKTG). The standard is the BITV 2.0 ordinance, which refers to the European standard EN 301 549 and the Web Content Accessibility Guidelines (WCAG 2.1, level AA).

## Compliance status
This website is partially compliant with these requirements. This statement is based on a self-assessment.

## What is not yet accessible
- Charts in reports: each chart has a table with the same numbers. The charts themselves are only partly usable with screen readers.
- PDF reports: they are produced as tagged PDF files but have not been fully checked yet.
- Survey translations: districts translate their surveys themselves. Where a translation is missing, the German text is shown.

## Report a barrier
Did you find something you could not use? Tell us with the form "Report a barrier" at the bottom of every page. We answer within one month.

## Enforcement procedure
If you do not receive a satisfactory answer within one month, you can contact Berlin's commissioner for digital accessibility, the enforcement body under the Berlin accessible ICT act: [current address and web address of the enforcement body].

## Preparation of this statement
This statement was prepared on [date] and last reviewed on [date].""",
    },
    "privacy": {
        "title_de": "Datenschutzerklärung",
        "title_en": "Privacy notice",
        "body_de": """\
## Verantwortlich
[Name und Anschrift der verantwortlichen Stelle, z. B. Bezirksamt …]
Datenschutzbeauftragte*r: [Kontakt]

## Wofür MitWirkung Daten verarbeitet
MitWirkung unterstützt die Bezirke bei ihrer Strategie gegen Kinderarmut. Fachkräfte melden sich mit einem Konto an; Familien beantworten Umfragen ohne Konto und anonym.

## Familien, die an Umfragen teilnehmen
- Die Teilnahme ist freiwillig. Sie können jede Frage auslassen.
- Wir speichern keine IP-Adresse, keine Geräte- oder Browserdaten, keine Cookie-Kennung und keine genaue Uhrzeit, sondern nur Ihre Antworten und das Datum.
- Ergebnisse werden nur zusammengefasst gezeigt. Zahlen, die auf weniger als fünf Antworten beruhen, werden nicht veröffentlicht.
- Freie Texte sehen nur Fachkräfte des Bezirks. Sie werden nie wörtlich veröffentlicht. Bitte schreiben Sie keine Namen hinein.

## Fachkräfte mit Konto
Wir speichern Name, E-Mail-Adresse, Rolle im Bezirk und das Passwort (nur verschlüsselt). Fehlgeschlagene Anmeldeversuche werden mit Benutzername und Netzwerkadresse gespeichert, um Konten vor Angriffen zu schützen, und nach [Frist] gelöscht.

## Cookies
MitWirkung setzt nur Cookies, die technisch nötig sind: für die Anmeldung, den Schutz von Formularen und die gewählte Sprache. Es gibt keine Analyse- oder Werbe-Cookies und keine Inhalte von anderen Anbietern.

## Ihre Rechte
Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie auf Beschwerde bei der Berliner Beauftragten für Datenschutz und Informationsfreiheit. Anonyme Umfrageantworten können wir keiner Person zuordnen und deshalb auch nicht einzeln herausgeben.""",
        "body_en": """\
## Controller
[Name and address of the responsible body, e.g. Bezirksamt …]
Data protection officer: [contact]

## What MitWirkung processes data for
MitWirkung supports the districts in their strategy against child poverty. Staff log in with an account; families answer surveys without an account and anonymously.

## Families taking part in surveys
- Taking part is voluntary. You can skip any question.
- We store no IP address, no device or browser data, no cookie identifier and no exact time, only your answers and the date.
- Results are only shown in summary. Numbers that rest on fewer than five answers are never published.
- Only staff of the district see free-text answers. They are never published word for word. Please do not write names into them.

## Staff with an account
We store name, e-mail address, role in the district and the password (encrypted only). Failed login attempts are stored with user name and network address to protect accounts from attacks, and deleted after [period].

## Cookies
MitWirkung only sets cookies that are technically necessary: for logging in, protecting forms and the chosen language. There are no analytics or advertising cookies and no content from other providers.

## Your rights
You have the right to access, correction, deletion and restriction of processing, and to complain to the Berlin Commissioner for Data Protection and Freedom of Information. We cannot link anonymous survey answers to a person and therefore cannot hand them out individually.""",
    },
    "imprint": {
        "title_de": "Impressum",
        "title_en": "Imprint",
        "body_de": """\
## Anbieterin
[Name der Behörde oder Organisation]
[Anschrift]
[Telefon, E-Mail-Adresse]

## Vertreten durch
[Name, Funktion]

## Inhaltlich verantwortlich
[Name, Anschrift]

## Hinweis
MitWirkung ist eine Anwendung für die integrierten Bezirksstrategien gegen Kinderarmut in Berlin.""",
        "body_en": """\
## Provider
[Name of the public body or organisation]
[Address]
[Phone, e-mail address]

## Represented by
[Name, function]

## Responsible for the content
[Name, address]

## Note
MitWirkung is an application for the integrated district strategies against child poverty in Berlin.""",
    },
    "easy-language": {
        "title_de": "MitWirkung in Leichter Sprache",
        "title_en": "",
        "body_de": """\
## Was ist MitWirkung?
MitWirkung ist eine Internet-Seite.
Die Internet-Seite ist für die Bezirke in Berlin.
Die Bezirke wollen Familien helfen.
Besonders Familien mit wenig Geld.

## Was machen die Bezirke mit MitWirkung?
Die Bezirke haben viele Angebote für Familien.
Zum Beispiel: Beratung, Kurse oder Treffpunkte.
Die Bezirke wollen wissen:
- Kennen Familien die Angebote?
- Nutzen Familien die Angebote?
- Was ist schwer für Familien?

## Umfragen für Familien
Familien können bei einer Umfrage mitmachen.
Die Umfrage ist auf dem Handy.
Sie brauchen kein Konto.
Sie müssen Ihren Namen nicht sagen.
Das heißt: Die Umfrage ist anonym.
Sie entscheiden selbst: Machen Sie mit oder nicht.

## Was passiert mit den Antworten?
Die Bezirke zählen die Antworten.
Dann wissen die Bezirke: Was hilft Familien?
Und was muss besser werden?
Niemand kann sehen: Diese Antwort ist von Ihnen.

## Barrieren
Eine Barriere ist etwas, das Sie behindert.
Zum Beispiel: Ein Text ist zu klein.
Oder Sie verstehen etwas nicht.
Dann sagen Sie es uns bitte.
Unten auf jeder Seite steht: Barriere melden.
Wir antworten in einem Monat.""",
        "body_en": "",
    },
}


def create_pages(apps, schema_editor):
    LegalPage = apps.get_model("legal", "LegalPage")
    for kind, texts in PAGES.items():
        LegalPage.objects.get_or_create(kind=kind, defaults=texts)


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]

//! The mistakes editors make, as a table: each breaks the small valid
//! site of `tests/fixtures/errors/_base` in one way (a typing habit, a
//! Word or Excel paste, a renamed file), and `passerelle check` must
//! report it once, as an error on the right file and line, with its first
//! words in French and in English and the fix in its hint; no other error
//! follows from it, and no message of the YAML library shows through.

use std::fs;

use serde_json::Value;

use crate::support::SiteTest;

const FR: &str = "content/partnerships/helmo.fr.md";
const EN: &str = "content/partnerships/helmo.en.md";

/// How a case breaks the base site.
enum Edit {
    /// In `file`, the first `from` becomes `to`.
    Replace(&'static str, &'static str, &'static str),
    /// `file` renamed to `to` (in the same folder).
    Rename(&'static str, &'static str),
    /// `file` copied to `to` (in the same folder).
    Copy(&'static str, &'static str),
}

/// A case: its name, the edit, the file and line the one error must
/// point at, how the message starts in French and in English, and words
/// of the French hint.
type Row = (
    &'static str,
    Edit,
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static str,
);

/// Every case: the edit, then where the error is and what it says.
#[rustfmt::skip]
const CASES: &[Row] = &[
    // Layout: tabs, invisible spaces, list bullets, indentation.
    ("tab in a list item", Edit::Replace(FR, "  - {institution: helmo", "\t- {institution: helmo"), FR, 13,
        "la tabulation en colonne 1 : utilisez des espaces", "a tab in the indentation (column 1)", "remplacez la tabulation par des espaces"),
    ("tab after two spaces", Edit::Replace(FR, "  - {institution: helmo", "  \t- {institution: helmo"), FR, 13,
        "la tabulation en colonne 3", "a tab in the indentation (column 3)", "remplacez la tabulation"),
    ("tab before a field", Edit::Replace(FR, "status: ongoing", "\tstatus: ongoing"), FR, 8,
        "la tabulation en colonne 1", "a tab in the indentation", "espaces"),
    ("non-breaking spaces from Word", Edit::Replace(FR, "  - {institution: helmo", "\u{a0}\u{a0}- {institution: helmo"), FR, 13,
        "une espace insécable dans l'indentation (colonne 1)", "a non-breaking space in the indentation (column 1)", "retapez-les avec la barre d'espace"),
    ("non-breaking space after a colon", Edit::Replace(FR, "status: ongoing", "status:\u{a0}ongoing"), FR, 8,
        "une espace insécable après `status:` (colonne 8)", "a non-breaking space after `status:`", "barre d'espace"),
    ("narrow non-breaking space after a colon", Edit::Replace(FR, "status: ongoing", "status:\u{202f}ongoing"), FR, 8,
        "une espace fine insécable après `status:`", "a narrow non-breaking space after `status:`", "barre d'espace"),
    ("zero-width space before a field", Edit::Replace(FR, "status: ongoing", "\u{200b}status: ongoing"), FR, 8,
        "une espace invisible de largeur nulle dans l'indentation", "an invisible zero-width space in the indentation", "effacez"),
    ("byte order mark in the middle of a file", Edit::Replace(FR, "start: 2014-09", "\u{feff}start: 2014-09"), FR, 9,
        "une marque d'ordre des octets (BOM) invisible", "an invisible byte order mark (BOM)", "effacez"),
    ("line separator pasted from Pages in a title", Edit::Replace(FR, "title: Mobilités Erasmus+ avec HELMo", "title: Mobilités Erasmus+\u{2028}avec HELMo"), FR, 2,
        "ce fichier contient 1 séparateur(s) de ligne invisible(s), le premier ici (U+2028)", "this file holds 1 invisible line separator(s), the first here (U+2028)", "retour à la ligne ordinaire"),
    ("paragraph separators pasted from a PDF in the text", Edit::Replace(FR, "Des étudiants partent", "Des\u{2029}étudiants\u{2029}partent"), FR, 17,
        "ce fichier contient 2 séparateur(s) de paragraphe invisible(s), le premier ici (U+2029)", "this file holds 2 invisible paragraph separator(s)", "touche Entrée"),
    ("list written with bullets", Edit::Replace(FR, "  - {institution: helmo", "  • {institution: helmo"), FR, 13,
        "un élément de liste écrit avec `•`", "a list item written with `•`", "remplacez `•` par un tiret `-`"),
    ("list written with dashes from Word", Edit::Replace(FR, "  - {institution: helmo", "  – {institution: helmo"), FR, 13,
        "un élément de liste écrit avec `–`", "a list item written with `–`", "par un tiret `-`"),
    ("list item indented by one space too many", Edit::Replace(FR, "  - {institution: helmo", "   - {institution: helmo"), FR, 13,
        "cet élément de la liste `members` est indenté de 3 espaces, la ligne précédente de 2", "this item of the list `members` is indented by 3 spaces", "indentez cette ligne de 2 espaces"),
    ("list item indented by one space too few", Edit::Replace(FR, "  - {institution: helmo", " - {institution: helmo"), FR, 13,
        "cet élément de la liste `members` est indenté de 1 espace", "this item of the list `members` is indented by 1 space", "de 2 espaces"),
    ("field indented by a space", Edit::Replace(FR, "status: ongoing", " status: ongoing"), FR, 8,
        "cette ligne est indentée de 1 espace, la ligne précédente de 0", "this line is indented by 1 space", "supprimez les espaces devant"),
    // Colons, quotes, brackets, reserved characters.
    ("no space after a colon", Edit::Replace(FR, "status: ongoing", "status:ended"), FR, 8,
        "il manque une espace après `status:`", "a space is missing after `status:`", "écrivez `status: ended`"),
    ("no space after a colon in braces", Edit::Replace(FR, "{institution: helmo,", "{institution:helmo,"), FR, 13,
        "il manque une espace après `institution:`", "a space is missing after `institution:`", "écrivez `institution: helmo`"),
    ("colon in an unquoted title", Edit::Replace(FR, "title: Mobilités Erasmus+ avec HELMo", "title: Erasmus+ : mobilités avec HELMo"), FR, 2,
        "`:` inattendu dans une valeur", "unexpected `:` in a value", "entre guillemets"),
    ("Word's curly quotes", Edit::Replace(FR, "title: Mobilités Erasmus+ avec HELMo", "title: “Erasmus+ : mobilités”"), FR, 2,
        "la valeur commence par le guillemet de Word `“`", "the value starts with Word's quote `“`", "guillemets droits"),
    ("quote never closed", Edit::Replace(FR, "title: Mobilités Erasmus+ avec HELMo", "title: \"Mobilités Erasmus+ avec HELMo"), FR, 2,
        "ce guillemet n'est jamais fermé", "this quote is never closed", "même guillemet"),
    ("bracket never closed", Edit::Replace(FR, "themes: [social-work-training, student-mobility]", "themes: [social-work-training, student-mobility"), FR, 7,
        "ce `[` n'est pas fermé par un `]`", "this `[` is not closed by a `]`", "fermez-le"),
    ("value starting with @", Edit::Replace(FR, "summary: Échanges", "summary: @Échanges"), FR, 3,
        "une valeur ne peut pas commencer par `@` sans guillemets", "a value cannot start with `@`", "entre guillemets"),
    ("value starting with a star", Edit::Replace(FR, "summary: Échanges", "summary: *Échanges*"), FR, 3,
        "une valeur ne peut pas commencer par `*` sans guillemets", "a value cannot start with `*`", "entre guillemets"),
    ("field written twice", Edit::Replace(FR, "status: ongoing", "status: ongoing\nstatus: ended"), FR, 9,
        "`status` est écrit deux fois", "`status` is written twice", "gardez une seule ligne"),
    ("misspelt field", Edit::Replace(FR, "status: ongoing", "statut: ongoing"), FR, 8,
        "champ inconnu `statut`", "unknown field `statut`", "`status`"),
    ("value in French", Edit::Replace(FR, "status: ongoing", "status: terminé"), FR, 8,
        "valeur inconnue `terminé`", "unknown value `terminé`", "planned, ongoing, ended"),
    ("yes for true", Edit::Replace(FR, "status: ongoing", "status: ongoing\ndraft: oui"), FR, 9,
        "attendu : true ou false ; trouvé : le texte \"oui\"", "expected true or false, found the text \"oui\"", "`false` (non)"),
    ("required field removed", Edit::Replace(FR, "title: Mobilités Erasmus+ avec HELMo\n", ""), FR, 15,
        "le champ obligatoire `title` manque", "the required field `title` is missing", "ajoutez une ligne comme `title: …`"),
    // Numbers and dates as people write them.
    ("decimal comma inside braces", Edit::Replace(FR, "amount: 15000", "amount: 50.000,50"), FR, 15,
        "le nombre `50.000,50` est coupé en deux", "the number `50.000,50` is cut in two", "`amount: 50000.50`"),
    ("amount with spaces and euros", Edit::Replace(FR, "amount: 15000", "amount: \"15 000 €\""), FR, 15,
        "attendu : un nombre ; trouvé : le texte \"15 000 €\"", "expected a number, found the text \"15 000 €\"", "écrivez `15000`"),
    ("amount with a euro sign", Edit::Replace(FR, "amount: 15000", "amount: 15000€"), FR, 15,
        "attendu : un nombre ; trouvé : le texte \"15000€\"", "expected a number", "écrivez `15000`"),
    ("amount on its own line with a decimal comma", Edit::Replace(FR, "  - {funder: Agence Erasmus+ France, amount: 15000, currency: EUR, year: 2024}", "  - funder: Agence Erasmus+ France\n    amount: 1.500,75"), FR, 16,
        "attendu : un nombre ; trouvé : le texte \"1.500,75\"", "expected a number", "écrivez `1500.75`"),
    ("two years for one", Edit::Replace(FR, "year: 2024}", "year: 2024-2025}"), FR, 15,
        "attendu : un nombre entier", "expected a whole number", "un seul nombre entier"),
    ("date from Excel", Edit::Replace(FR, "start: 2014-09", "start: 15/03/2024"), FR, 9,
        "attendu : une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : `15/03/2024`", "expected a date written YYYY, YYYY-MM or YYYY-MM-DD", "écrivez-la `2024-03-15`"),
    ("date in words", Edit::Replace(FR, "start: 2014-09", "start: mars 2024"), FR, 9,
        "attendu : une date écrite AAAA", "expected a date written", "écrivez-la `2024-03`"),
    // References: countries, institutions and themes as people name them.
    ("a region without its country", Edit::Replace(FR, "themes:", "countries: [fr, qc]\nthemes:"), FR, 7,
        "code de pays inconnu `qc`", "unknown country code `qc`", "écrivez `ca-qc`"),
    ("the United Kingdom as uk", Edit::Replace(FR, "themes:", "countries: [uk]\nthemes:"), FR, 7,
        "code de pays inconnu `uk`", "unknown country code `uk`", "écrivez `gb`"),
    ("Greece by its language's code", Edit::Replace(FR, "themes:", "countries: [el]\nthemes:"), FR, 7,
        "code de pays inconnu `el`", "unknown country code `el`", "la Grèce, s'écrit `gr`"),
    ("a city for a country, in a list, named in the summary too", Edit::Replace(FR, "kind: erasmus_mobility\n", "kind: erasmus_mobility\ncountries:\n  - fr\n  - Liège\n"), FR, 7,
        "code de pays inconnu `Liège`", "unknown country code `Liège`", "code ISO 3166"),
    ("a country's name in French", Edit::Replace(FR, "kind: erasmus_mobility\n", "kind: erasmus_mobility\ncountries: [fr, Belgique]\n"), FR, 5,
        "code de pays inconnu `Belgique`", "unknown country code `Belgique`", "écrivez son code : `be`"),
    ("an institution by its name", Edit::Replace(FR, "{institution: helmo,", "{institution: Haute École Libre Mosane,"), FR, 13,
        "établissement inconnu `Haute École Libre Mosane`", "unknown institution `Haute École Libre Mosane`", "écrivez son identifiant : `helmo`"),
    ("an institution by its short name", Edit::Replace(FR, "{institution: helmo,", "{institution: HELMo,"), FR, 13,
        "établissement inconnu `HELMo`", "unknown institution `HELMo`", "en minuscules : `helmo`"),
    ("a theme by its name", Edit::Replace(FR, "themes: [social-work-training,", "themes: [Formation en travail social,"), FR, 7,
        "thématique inconnue `Formation en travail social`", "unknown theme `Formation en travail social`", "écrivez son identifiant : `social-work-training`"),
    ("date with the year first and slashes", Edit::Replace(FR, "start: 2014-09", "start: 2024/03"), FR, 9,
        "attendu : une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : `2024/03`", "expected a date written", "écrivez-la `2024-03`"),
    ("amount in millions", Edit::Replace(FR, "amount: 15000", "amount: 1,5 M€"), FR, 15,
        "le nombre `1,5 M€` est coupé en deux", "the number `1,5 M€` is cut in two", "`amount: 1500000`"),
    // File names.
    ("capitals in a file name", Edit::Rename(FR, "HELMo.fr.md"), "content/partnerships/HELMo.fr.md", 0,
        "renommez « HELMo.fr.md » en « helmo.fr.md » : un nom de fichier sert d'adresse", "rename `HELMo.fr.md` to `helmo.fr.md`", "lu comme « helmo.fr.md »"),
    ("all capitals in a file name", Edit::Rename(FR, "HELMO.FR.MD"), "content/partnerships/HELMO.FR.MD", 0,
        "renommez « HELMO.FR.MD » en « helmo.fr.md »", "rename `HELMO.FR.MD` to `helmo.fr.md`", "lu comme"),
    ("a space in a file name", Edit::Rename(EN, "helmo .en.md"), "content/partnerships/helmo .en.md", 0,
        "renommez « helmo .en.md » en « helmo.en.md »", "rename `helmo .en.md` to `helmo.en.md`", "des tirets séparent les mots"),
    ("an accent in a file name", Edit::Rename(FR, "hélmo.fr.md"), "content/partnerships/hélmo.fr.md", 0,
        "renommez « hélmo.fr.md » en « helmo.fr.md »", "rename `hélmo.fr.md` to `helmo.fr.md`", "lu comme"),
    ("an apostrophe in a file name", Edit::Rename(FR, "helmo'.fr.md"), "content/partnerships/helmo'.fr.md", 0,
        "renommez « helmo'.fr.md » en « helmo.fr.md »", "rename `helmo'.fr.md`", "lu comme"),
    ("saved from Word as text", Edit::Rename(FR, "helmo.fr.md.txt"), "content/partnerships/helmo.fr.md.txt", 0,
        "renommez « helmo.fr.md.txt » en « helmo.fr.md » : le fichier d'un élément finit par « .md »", "rename `helmo.fr.md.txt` to `helmo.fr.md`: the file of an item ends in `.md`", "lu comme"),
    ("markdown extension", Edit::Rename(FR, "helmo.fr.markdown"), "content/partnerships/helmo.fr.markdown", 0,
        "renommez « helmo.fr.markdown » en « helmo.fr.md »", "rename `helmo.fr.markdown` to `helmo.fr.md`", "lu comme"),
    ("capitals in an institution's file name", Edit::Rename("content/institutions/helmo.yaml", "HELMo.yaml"), "content/institutions/HELMo.yaml", 0,
        "renommez « HELMo.yaml » en « helmo.yaml »", "rename `HELMo.yaml` to `helmo.yaml`", "lu comme « helmo.yaml »"),
    ("capitals in a page's language", Edit::Rename("content/pages/about.fr.md", "about.FR.md"), "content/pages/about.FR.md", 0,
        "renommez « about.FR.md » en « about.fr.md »", "rename `about.FR.md` to `about.fr.md`", "lu comme"),
];

/// Mistakes that do not stop the site but will hurt later: one warning
/// each, and no error.
#[rustfmt::skip]
const WARNINGS: &[Row] = &[
    ("a phone number with letters", Edit::Replace(FR, "funding:", "contacts:\n  - {name: Marie Dupont, phone: 03 20 xx xx xx}\nfunding:"), FR, 15,
        "le numéro de téléphone `03 20 xx xx xx` ne peut pas être composé : il contient `x`", "the phone number `03 20 xx xx xx` cannot be dialled", "+33 3 20 12 34 56"),
    ("a phone number cut short", Edit::Replace(FR, "funding:", "contacts:\n  - {name: Marie Dupont, phone: \"03 20 12\"}\nfunding:"), FR, 15,
        "le numéro de téléphone `03 20 12` a 6 chiffres : un numéro en a de 8 à 15", "the phone number `03 20 12` has 6 digits", "tous les chiffres"),
    ("an e-mail address without its domain's end", Edit::Replace(FR, "funding:", "contacts:\n  - {name: Marie Dupont, email: marie@example}\nfunding:"), FR, 15,
        "`marie@example` n'a pas de domaine complet après `@`", "`marie@example` has no complete domain", "une seule adresse"),
    ("a copy saved from Word beside the file", Edit::Copy(FR, "helmo.fr.md.txt"), "content/partnerships/helmo.fr.md.txt", 0,
        "« helmo.fr.md.txt » n'a pas été lu : « helmo.fr.md » existe à côté", "`helmo.fr.md.txt` was not read: `helmo.fr.md` exists beside it", "copie plus ancienne"),
    ("two e-mail addresses in one", Edit::Replace(FR, "funding:", "contacts:\n  - {name: Marie Dupont, email: \"a@example.org,b@example.org\"}\nfunding:"), FR, 15,
        "`a@example.org,b@example.org` contient plus d'une adresse", "`a@example.org,b@example.org` holds more than one address", "une seule adresse"),
];

/// Words of the YAML and serde libraries that an editor must never see.
const LIBRARY_WORDS: &[&str] = &[
    "could not find expected",
    "did not find expected",
    "mapping values are not allowed",
    "while parsing",
    "while scanning",
    "invalid type",
    "invalid value",
    "found character that cannot start",
    "YAML invalide",
    "invalid YAML",
    "unknown variant",
];

/// The diagnostics of `passerelle check` in one language, as JSON objects.
fn diagnostics(site: &SiteTest, lang: &str) -> (Vec<Value>, String) {
    let run = site.run(&["check", "--lang", lang, "--message-format", "json"]);
    let all: Vec<Value> = run
        .stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (all, run.stderr)
}

fn apply(site: &SiteTest, edit: &Edit) {
    match edit {
        Edit::Replace(file, from, to) => {
            let path = site.root().join(file);
            let text = fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "`{from}` is not in {file}");
            fs::write(&path, text.replacen(from, to, 1)).unwrap();
        }
        Edit::Copy(from, to) => {
            let path = site.root().join(from);
            fs::copy(&path, path.with_file_name(to)).unwrap();
        }
        Edit::Rename(from, to) => {
            fs::rename(
                site.root().join(from),
                site.root().join(from).with_file_name(to),
            )
            .unwrap();
        }
    }
}

/// What is wrong with the messages of one case, if anything.
fn failure(case: &Row, severity: &str) -> Option<String> {
    let &(name, ref edit, file, line, fr, en, hint_words) = case;
    let site = SiteTest::error_case("_base");
    apply(&site, edit);
    let mut wrong = Vec::new();
    for (lang, start) in [("fr", fr), ("en", en)] {
        let (all, stderr) = diagnostics(&site, lang);
        let errors: Vec<&Value> = all.iter().filter(|d| d["severity"] == severity).collect();
        if severity == "warning" && all.iter().any(|d| d["severity"] == "error") {
            wrong.push(format!("[{lang}] an error besides the warning:\n{stderr}"));
        }
        if let Some(word) = LIBRARY_WORDS.iter().find(|w| stderr.contains(*w)) {
            wrong.push(format!("[{lang}] the library's words `{word}` show"));
        }
        let [error] = errors.as_slice() else {
            wrong.push(format!(
                "[{lang}] {} {severity}s, not one:\n{stderr}",
                errors.len()
            ));
            continue;
        };
        let message = error["message"].as_str().unwrap_or("");
        if !message.starts_with(start) {
            wrong.push(format!("[{lang}] message `{message}`, expected `{start}…`"));
        }
        let at = (
            error["file"].as_str().unwrap_or(""),
            error["line"].as_u64().unwrap_or(0),
        );
        if at != (file, line as u64) {
            wrong.push(format!("[{lang}] at {at:?}, expected {:?}", (file, line)));
        }
        let hint = error["hint"].as_str().unwrap_or("");
        if lang == "fr" && !hint.contains(hint_words) {
            wrong.push(format!("[fr] hint `{hint}` lacks `{hint_words}`"));
        }
        if lang == "en" && hint.is_empty() {
            wrong.push("[en] no hint".to_string());
        }
    }
    (!wrong.is_empty()).then(|| format!("{name}:\n  {}", wrong.join("\n  ")))
}

#[test]
fn every_mistake_of_the_table_gets_its_located_message_and_fix() {
    assert!(
        CASES.len() >= 40,
        "the table holds {} mistakes",
        CASES.len()
    );
    let errors = CASES.iter().filter_map(|c| failure(c, "error"));
    let warnings = WARNINGS.iter().filter_map(|c| failure(c, "warning"));
    let failures: Vec<String> = errors.chain(warnings).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        CASES.len() + WARNINGS.len(),
        failures.join("\n")
    );
}

/// The command line follows `--lang` and the locale: help and usage
/// errors in French, never clap's English.
#[test]
fn the_command_line_speaks_french_with_lang_fr_or_a_french_locale() {
    let site = SiteTest::error_case("_base");
    let french = [("LANG", "fr_FR.UTF-8")];
    let help = site.run(&["--lang", "fr", "--help"]).code(0);
    let from_locale = site.run_env(&["build", "--help"], &french).code(0);
    for (shown, wanted) in [
        (&help.stdout, "Utilisation : passerelle [OPTIONS] <COMMAND>"),
        (
            &help.stdout,
            "check   Vérifier tout le site et signaler chaque problème",
        ),
        (
            &from_locale.stdout,
            "--strict\n          Traiter les avertissements comme des erreurs",
        ),
        (
            &from_locale.stdout,
            "Le dossier du site (qui contient site.yaml et content/) [par défaut : .]",
        ),
    ] {
        assert!(shown.contains(wanted), "`{wanted}` in:\n{shown}");
    }
    for shown in [&help.stdout, &from_locale.stdout] {
        for english in ["Usage:", "Print help", "possible values", "[default:"] {
            assert!(!shown.contains(english), "`{english}` in:\n{shown}");
        }
    }
    let english = site
        .run_env(&["--lang", "en", "build", "--help"], &french)
        .code(0);
    assert!(
        english.stdout.contains("Usage: passerelle build"),
        "{}",
        english.stdout
    );

    let typo = site.run_env(&["biuld"], &french).code(2);
    assert!(
        typo.stderr
            .starts_with("erreur : commande inconnue « biuld »"),
        "{}",
        typo.stderr
    );
    assert!(
        typo.stderr
            .contains("astuce : vouliez-vous dire « build » ?"),
        "{}",
        typo.stderr
    );
    let value = site
        .run(&["--lang", "fr", "export", "--format", "xls"])
        .code(2);
    assert!(
        value
            .stderr
            .starts_with("erreur : valeur « xls » invalide pour « --format"),
        "{}",
        value.stderr
    );
    assert!(
        value.stderr.contains("valeurs possibles : csv, json"),
        "{}",
        value.stderr
    );
    let flag = site.run(&["build", "--lang", "fr", "--bogus"]).code(2);
    assert!(
        flag.stderr
            .contains("erreur : argument inattendu « --bogus »"),
        "{}",
        flag.stderr
    );
    assert!(
        flag.stderr.contains("Utilisation : passerelle build "),
        "{}",
        flag.stderr
    );
}
